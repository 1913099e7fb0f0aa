namespace Orleans.Counters.Client;

/// <summary>Reads the settings every host needs from configuration.</summary>
public sealed record CountersSettings(StorageMode Storage, StorageMode Streams, string? ConnectionString, ClusterSettings Cluster)
{
    /// <summary>The name of the PostgreSQL connection string (<c>ConnectionStrings:Counters</c>).</summary>
    public const string ConnectionStringName = "Counters";

    /// <summary>
    /// Reads <see cref="CountersRootSettings"/> and <see cref="ClusterSettings"/> through their options types
    /// and adds the connection string; throws with a clear message when PostgreSQL mode lacks it.
    /// </summary>
    public static CountersSettings From(IConfiguration configuration)
    {
        var root = configuration.GetCountersOptions<CountersRootSettings>();
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (root.Storage == StorageMode.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{CountersRootSettings.StorageKey} is {StorageMode.PostgreSql} but ConnectionStrings:{ConnectionStringName} is not set " +
                "(environment variable ConnectionStrings__Counters).");
        }

        return new CountersSettings(root.Storage, root.Streams ?? root.Storage, connectionString, configuration.GetCountersOptions<ClusterSettings>());
    }
}
