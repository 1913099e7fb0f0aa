namespace Orleans.Counters.Grains.Ingest;

/// <summary>A message applied to its hour counters but not yet acknowledged: it waits for them to persist it.</summary>
/// <param name="Position">The message's place in the account's stream.</param>
/// <param name="Hours">The hour counters it touched.</param>
public sealed record PendingAcknowledgement(StreamPosition Position, IReadOnlyList<(SeriesKey Series, Period Hour)> Hours);
