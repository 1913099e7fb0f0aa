namespace Orleans.Counters.Grains;

/// <summary>
/// A child period's absolute total, reported to its parent: an hour to its day, a day to its
/// month, a month to its year. The parent keeps the report with the highest version, so a
/// re-sent report never counts twice.
/// </summary>
/// <param name="Segment">The child's segment number in the parent (0-based).</param>
/// <param name="Version">Grows with every change of the child, also across reactivations.</param>
/// <param name="Total">The child's whole count.</param>
[GenerateSerializer, Immutable, Alias("counters.child-total")]
public sealed record ChildTotal([property: Id(0)] int Segment, [property: Id(1)] long Version, [property: Id(2)] long Total);
