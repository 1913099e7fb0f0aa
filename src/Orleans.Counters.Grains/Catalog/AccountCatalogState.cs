namespace Orleans.Counters.Grains.Catalog;

/// <summary>The event types an account has sent, and the minutes of its first and last events.</summary>
[GenerateSerializer, Alias("counters.catalog-state")]
public sealed class AccountCatalogState
{
    /// <summary>The types seen.</summary>
    [Id(0)] public HashSet<string> Types { get; set; } = [];

    /// <summary>The minutes of the first and last events counted.</summary>
    [Id(1)] public EventTimeSpan EventTimes { get; set; }

    /// <summary>Adds what <paramref name="other"/> holds: both only grow.</summary>
    public void UnionWith(AccountCatalogState other)
    {
        Types.UnionWith(other.Types);
        EventTimes = EventTimes.Union(other.EventTimes);
    }
}
