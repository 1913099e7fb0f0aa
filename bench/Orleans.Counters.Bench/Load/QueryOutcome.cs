namespace Orleans.Counters.Bench.Load;

/// <summary>Query latencies measured while ingestion ran.</summary>
/// <param name="Day">The track query of a day (its hours).</param>
/// <param name="Realtime">The realtime query.</param>
/// <param name="Detail">How it was measured, for the report.</param>
public sealed record QueryOutcome(LatencyOutcome Day, LatencyOutcome Realtime, string Detail) : IOutcome;
