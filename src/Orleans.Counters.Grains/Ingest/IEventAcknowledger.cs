namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Tells a durable events queue that messages may be forgotten: called only once every hour
/// counter a message touched has persisted it; and reads back the messages it still holds, for a
/// consumer that must apply them again (docs/exactly-once.md).
/// </summary>
public interface IEventAcknowledger
{
    /// <summary>False for a stream that forgets messages by itself (memory streams): then nothing is tracked.</summary>
    bool IsEnabled { get; }

    /// <summary>Acknowledges messages of one account's stream.</summary>
    Task AcknowledgeAsync(StreamId stream, IReadOnlyList<StreamPosition> positions, CancellationToken cancellationToken);

    /// <summary>
    /// The messages of one account's stream not acknowledged yet, delivered or not, after
    /// <paramref name="after"/> (from the first when null) and before <paramref name="before"/>, in stream order.
    /// </summary>
    Task<IReadOnlyList<(StreamPosition Position, EventBatch Batch)>> ReadUnacknowledgedAsync(
        StreamId stream, StreamPosition? after, StreamPosition before, CancellationToken cancellationToken);
}
