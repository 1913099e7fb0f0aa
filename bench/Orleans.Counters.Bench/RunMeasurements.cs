namespace Orleans.Counters.Bench;

/// <summary>What the steps of a run measured; null where a step failed or was left out.</summary>
public sealed class RunMeasurements
{
    public LatencyOutcome? KestrelPost { get; set; }

    public Dictionary<RedisPersistence, ThroughputOutcome?> Redis { get; } = [];

    public Dictionary<RedisPersistence, CommandRateOutcome?> RedisTool { get; } = [];

    public ThroughputOutcome? PostgresInsert { get; set; }

    public ModeMeasurements Default { get; } = new();

    public MemoryOutcome? Memory { get; set; }

    public ModeMeasurements Durable { get; } = new();

    public ModeMeasurements Pinned { get; } = new();

    public ModeMeasurements DurableFsync { get; } = new();
}
