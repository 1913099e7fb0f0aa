namespace Orleans.Counters.Grains.Counters;

/// <summary>A day, month or year counter's state: child totals and the version each came with.</summary>
[GenerateSerializer, Alias("counters.rollup-state")]
public sealed class RollupCounterState : CounterState
{
    /// <summary>The version of the report behind each segment.</summary>
    [Id(0)] public long[] SegmentVersions { get; set; } = [];
}
