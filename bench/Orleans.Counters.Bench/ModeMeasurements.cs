namespace Orleans.Counters.Bench;

/// <summary>What the steps against one deployment measured; null where a step failed or was left out.</summary>
public sealed class ModeMeasurements
{
    public LatencyOutcome? FirstMinuteFreshness { get; set; }

    public ThroughputOutcome? Batch { get; set; }

    public ThroughputOutcome? Rich { get; set; }

    public LatencyOutcome? Post { get; set; }

    public QueryOutcome? Query { get; set; }

    public LatencyOutcome? Freshness { get; set; }

    public HotAccountOutcome? Hot { get; set; }

    public SortedDictionary<int, ThroughputOutcome?> SeriesScan { get; } = [];

    public RebuildOutcome? Rebuild { get; set; }
}
