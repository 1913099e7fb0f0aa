using System.Collections.Immutable;
using Orleans.Counters.Grains.Ingest;

namespace Orleans.Counters.MicroBenchmarks;

/// <summary>
/// What breaking counts down by event properties costs the pre-aggregation: a batch of 1,000 events, each with
/// <see cref="PropertiesPerEvent"/> properties of a dozen values each, aggregated with none of them tracked
/// (the baseline, in the same run) and with all of them tracked (one more series increment per property).
/// </summary>
[MemoryDiagnoser]
public class PropertyBreakdownBenchmarks
{
    private const int BatchSize = 1_000;

    private static readonly Func<string, bool> All = _ => true;

    private EventBatch _batch = null!;

    /// <summary>How many properties (besides a referrer on some) every event carries.</summary>
    [Params(1, 3, 6)]
    public int PropertiesPerEvent { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var batch = SampleEvents.Batch(BatchSize, hours: 1);
        var random = new Random(20261204);
        _batch = batch with
        {
            Events = [.. batch.Events.Select(e => e with
            {
                Properties = Enumerable.Range(0, PropertiesPerEvent)
                    .Aggregate(e.Properties ?? ImmutableDictionary<string, string>.Empty, (properties, i) => properties.SetItem($"prop{i}", $"value-{random.Next(12)}")),
            })],
        };
    }

    [Benchmark(Baseline = true, Description = "Aggregate, no property tracked")]
    public IReadOnlyList<HourTouch> NoneTracked() => HourTouchAggregator.Aggregate(_batch);

    [Benchmark(Description = "Aggregate, every property tracked")]
    public IReadOnlyList<HourTouch> AllTracked() => HourTouchAggregator.Aggregate(_batch, isTracked: All);
}
