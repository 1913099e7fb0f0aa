namespace Orleans.Counters.Grains;

/// <summary>The grain storage the counters persist in.</summary>
public static class CounterStorage
{
    /// <summary>The storage provider's name; memory or PostgreSQL depending on the mode.</summary>
    public const string Name = "counters";
}
