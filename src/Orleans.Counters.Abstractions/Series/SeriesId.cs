namespace Orleans.Counters.Series;

/// <summary>A series inside one account's counters: an event type, for one URL or for all of them (<see cref="SeriesKey.AllUrls"/>).</summary>
[GenerateSerializer, Immutable, Alias("counters.series-id")]
public readonly record struct SeriesId([property: Id(0)] string Type, [property: Id(1)] string Url);
