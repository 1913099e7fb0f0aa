namespace Orleans.Counters.Ship.Import;

/// <summary>A line that was not counted, and why: it is no event, or the gateway refused it.</summary>
/// <param name="Number">The line number, from 1.</param>
/// <param name="Problem">The field and the reason, such as <c>timestamp: must not be before 2000-01-01T00:00:00Z</c>.</param>
public sealed record RefusedLine(long Number, string Problem);
