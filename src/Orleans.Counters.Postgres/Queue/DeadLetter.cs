namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// A message given up: delivered <see cref="PostgresStreamOptions.MaxDeliveries"/> times without being
/// acknowledged, refused that many times by its consumer, or waiting behind such a message of its stream.
/// </summary>
/// <param name="Queue">The queue it was in.</param>
/// <param name="Sequence">Its sequence in that queue.</param>
/// <param name="Stream">The stream it belongs to.</param>
/// <param name="Payload">The serialised events.</param>
/// <param name="Deliveries">How many times it was leased.</param>
/// <param name="EnqueuedAt">When it was enqueued.</param>
/// <param name="DeadAt">When it was moved to the dead-letter table.</param>
public sealed record DeadLetter(int Queue, long Sequence, StreamId Stream, byte[] Payload, int Deliveries, DateTimeOffset EnqueuedAt, DateTimeOffset DeadAt)
{
    /// <summary>How many times its consumer failed to apply it.</summary>
    public int Failures { get; init; }

    /// <summary>Why its consumer refused it; null when it was moved for its leases, which the consumer had taken.</summary>
    public string? Error { get; init; }
}
