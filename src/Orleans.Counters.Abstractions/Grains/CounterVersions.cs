namespace Orleans.Counters.Grains;

/// <summary>A counter's version, and the version up to which its changes reached the counters it feeds.</summary>
/// <param name="Version">The counter's version: it grows with every change.</param>
/// <param name="Settled">The version its parent period (and, for an hour passing its counts on, the new zone's hours) took.</param>
[GenerateSerializer, Immutable, Alias("counters.counter-versions")]
public sealed record CounterVersions([property: Id(0)] long Version, [property: Id(1)] long Settled);
