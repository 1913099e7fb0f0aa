namespace Orleans.Counters.Zones;

/// <summary>
/// A zone an account counts in, from one change of zone to the next: its counters are a generation of their own
/// (<see cref="ZoneHistory.CounterAccount"/>), so an account that returns to a zone it left counts there afresh,
/// apart from the hours it passed on when it left.
/// </summary>
/// <param name="Zone">The IANA time zone; null for UTC.</param>
/// <param name="Generation">The change of zone it came with: 0 for the account's first zone, then 1, 2, …</param>
[GenerateSerializer, Immutable, Alias("counters.zone-target")]
public sealed record ZoneTarget([property: Id(0)] string? Zone, [property: Id(1)] int Generation);
