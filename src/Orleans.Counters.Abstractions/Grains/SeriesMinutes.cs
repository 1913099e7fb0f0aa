using Orleans.Counters.Series;

namespace Orleans.Counters.Grains;

/// <summary>What a message adds to one series of an hour: one entry per touched minute.</summary>
[GenerateSerializer, Immutable, Alias("counters.series-minutes")]
public sealed record SeriesMinutes([property: Id(0)] SeriesId Series, [property: Id(1)] ImmutableArray<MinuteCount> Minutes);
