using Orleans.Counters.Grains.Ingest;

namespace Orleans.Counters.MicroBenchmarks;

/// <summary>Pre-aggregation of one account's batch of 1,000 events into hour touches, the events in one hour or spread over 40.</summary>
[MemoryDiagnoser]
public class PreAggregationBenchmarks
{
    private const int BatchSize = 1_000;

    private EventBatch _batch = null!;

    /// <summary>How many hours the batch's events are spread over.</summary>
    [Params(1, 40)]
    public int Hours { get; set; }

    [GlobalSetup]
    public void Setup() => _batch = SampleEvents.Batch(BatchSize, Hours);

    [Benchmark(Description = "HourTouchAggregator.Aggregate, batch of 1,000 events")]
    public IReadOnlyList<HourTouch> AggregateBatch() => HourTouchAggregator.Aggregate(_batch);
}
