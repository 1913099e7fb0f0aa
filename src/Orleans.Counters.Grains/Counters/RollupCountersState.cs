namespace Orleans.Counters.Grains.Counters;

/// <summary>A day's, month's or year's state: child totals per series, and the version of the last report taken from each child.</summary>
[GenerateSerializer, Alias("counters.rollup-counters-state")]
public sealed class RollupCountersState : CountersState
{
    /// <summary>The version of the last report taken from each child period; sized on first activation.</summary>
    [Id(0)] public long[] ChildVersions { get; set; } = [];
}
