namespace Orleans.Counters.Postgres.Queue;

/// <summary>A message not acknowledged yet, read back from the queue or its dead letters.</summary>
/// <param name="Sequence">Its sequence in its queue: its stream position.</param>
/// <param name="Events">The events it carries.</param>
/// <param name="Refusal">
/// Why the consumer refused it (it failed <see cref="PostgresStreamOptions.MaxDeliveries"/> times, or
/// waits behind a dead letter of its stream that did); null for a message a consumer may apply.
/// </param>
public sealed record StoredMessage(long Sequence, IReadOnlyList<object> Events, string? Refusal);
