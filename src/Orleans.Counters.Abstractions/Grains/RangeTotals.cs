namespace Orleans.Counters.Grains;

/// <summary>What a series counted over a time range.</summary>
/// <param name="Count">The events counted.</param>
/// <param name="Bots">The bots' events, kept out of <paramref name="Count"/>.</param>
/// <param name="Sum">The sum of the counted events' values.</param>
/// <param name="Uniques">The distinct users, over the whole hours the range touches.</param>
public sealed record RangeTotals(long Count, long Bots, decimal Sum, long Uniques);
