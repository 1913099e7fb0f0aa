namespace Orleans.Counters.Grains.Ingest;

/// <summary>What one batch adds to one hour counter: per-minute counts of one series.</summary>
public sealed record HourTouch(SeriesKey Series, Period Hour, ImmutableArray<MinuteCount> Minutes);
