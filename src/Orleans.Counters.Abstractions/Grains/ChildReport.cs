namespace Orleans.Counters.Grains;

/// <summary>
/// A child period's absolute totals, reported to its parent: an hour to its day, a day to its month,
/// a month to its year. A report carries the series changed since the last report the parent took,
/// or all of them; the parent takes a report only if its version is above the last one it took from
/// that child, so a re-sent or late report never counts twice.
/// </summary>
/// <param name="Segment">The child's segment number in the parent (0-based).</param>
/// <param name="Version">Grows with every change of the child, also across reactivations.</param>
/// <param name="Totals">The whole count of each series reported.</param>
[GenerateSerializer, Immutable, Alias("counters.child-report")]
public sealed record ChildReport([property: Id(0)] int Segment, [property: Id(1)] long Version, [property: Id(2)] ImmutableArray<SeriesTotal> Totals);
