namespace Orleans.Counters.Ship.Import;

/// <summary>A line of the file made into an event to send, or the reason it cannot be one.</summary>
/// <param name="Line">The line.</param>
/// <param name="Json">The event as a JSON object, with the account and an id; null when refused.</param>
/// <param name="Problem">Why the line is no event; null when it is one.</param>
public sealed record ImportLine(FileLine Line, byte[]? Json, string? Problem);
