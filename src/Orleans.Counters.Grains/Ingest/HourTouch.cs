namespace Orleans.Counters.Grains.Ingest;

/// <summary>What one batch adds to one hour's counters: per-minute counts of each series it touched there.</summary>
public sealed record HourTouch(CounterGroup Hour, ImmutableArray<SeriesMinutes> Series);
