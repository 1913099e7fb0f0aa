namespace Orleans.Counters.Ship.Sending;

/// <summary>An event waiting to be sent: its JSON, and where reading of the followed file may resume once it is delivered.</summary>
/// <param name="Json">The event as a UTF-8 JSON object, its id included.</param>
/// <param name="Checkpoint">The position just past its line; null for standard input.</param>
public sealed record QueuedEvent(byte[] Json, Input.FilePosition? Checkpoint = null);
