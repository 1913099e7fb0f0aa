namespace Orleans.Counters.Grains.Ingest;

/// <summary>A message of a stream not acknowledged yet, read back from the durable queue.</summary>
/// <param name="Position">Its stream position.</param>
/// <param name="Batch">Its events.</param>
/// <param name="Refused">
/// True when it is a dead letter the consumer refused (it failed too often, or waits behind one that
/// did): it must not be applied, and nothing after it in its stream, until an operator replays it.
/// </param>
public sealed record UnacknowledgedMessage(StreamPosition Position, EventBatch Batch, bool Refused);
