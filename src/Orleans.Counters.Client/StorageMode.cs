namespace Orleans.Counters.Client;

/// <summary>Where counts, cluster membership and grain state live. Key <c>Counters:Storage</c>.</summary>
public enum StorageMode
{
    /// <summary>In the process's memory: zero set-up, forgotten on restart.</summary>
    Memory,

    /// <summary>In PostgreSQL through Orleans' AdoNet providers: durable, and a cluster of silos can share it.</summary>
    PostgreSql,
}
