namespace Orleans.Counters.Grains.Catalog;

/// <summary>The event types and tracked property names of an account, and the minutes of its first and last events.</summary>
[GenerateSerializer, Alias("counters.catalog-state")]
public sealed class AccountCatalogState
{
    /// <summary>The types seen.</summary>
    [Id(0)] public HashSet<string> Types { get; set; } = [];

    /// <summary>The minutes of the first and last events counted.</summary>
    [Id(1)] public EventTimeSpan EventTimes { get; set; }

    /// <summary>The property names counts are broken down by, and <c>(other)</c> once one was refused.</summary>
    [Id(2)] public HashSet<string> Properties { get; set; } = [];

    /// <summary>Adds what <paramref name="other"/> holds: both only grow.</summary>
    public void UnionWith(AccountCatalogState other)
    {
        Types.UnionWith(other.Types);
        Properties.UnionWith(other.Properties);
        EventTimes = EventTimes.Union(other.EventTimes);
    }
}
