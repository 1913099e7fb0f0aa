namespace Orleans.Counters.Postgres.Queue;

/// <summary>A row a receiver leased: invisible to other receivers until its lease expires or it is acknowledged.</summary>
/// <param name="Queue">The queue.</param>
/// <param name="Sequence">The row's sequence in its queue; the stream token's sequence number.</param>
/// <param name="Stream">The stream the message belongs to.</param>
/// <param name="Payload">The serialised events.</param>
/// <param name="Deliveries">How many times the row has been leased, this lease included.</param>
/// <param name="EnqueuedAt">When the row was enqueued.</param>
/// <param name="Previous">The sequence of the stream's previous message in the queue when this one was enqueued; null when none is known.</param>
public sealed record LeasedMessage(int Queue, long Sequence, StreamId Stream, byte[] Payload, int Deliveries, DateTimeOffset EnqueuedAt, long? Previous = null);
