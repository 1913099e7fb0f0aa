using Orleans.Counters.Series;

namespace Orleans.Counters.Grains;

/// <summary>A series' whole count in a child period.</summary>
[GenerateSerializer, Immutable, Alias("counters.series-total")]
public readonly record struct SeriesTotal([property: Id(0)] SeriesId Series, [property: Id(1)] long Total);
