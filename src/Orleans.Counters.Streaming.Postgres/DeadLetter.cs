namespace Orleans.Counters.Streaming.Postgres;

/// <summary>A message that was delivered <see cref="PostgresStreamOptions.MaxDeliveries"/> times without being acknowledged.</summary>
/// <param name="Queue">The queue it was in.</param>
/// <param name="Sequence">Its sequence in that queue.</param>
/// <param name="Stream">The stream it belongs to.</param>
/// <param name="Payload">The serialised events.</param>
/// <param name="Deliveries">How many times it was delivered.</param>
/// <param name="EnqueuedAt">When it was enqueued.</param>
/// <param name="DeadAt">When it was moved to the dead-letter table.</param>
public sealed record DeadLetter(int Queue, long Sequence, StreamId Stream, byte[] Payload, int Deliveries, DateTimeOffset EnqueuedAt, DateTimeOffset DeadAt);
