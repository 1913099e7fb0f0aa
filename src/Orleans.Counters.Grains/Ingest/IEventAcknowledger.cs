namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Tells a durable events queue that messages may be forgotten: called only once every hour
/// counter a message touched has persisted it; reads back the messages it still holds, for a
/// consumer that must apply them again; and takes the messages the consumer cannot apply to its dead
/// letters (docs/exactly-once.md).
/// </summary>
public interface IEventAcknowledger
{
    /// <summary>False for a stream that forgets messages by itself (memory streams): then nothing is tracked.</summary>
    bool IsEnabled { get; }

    /// <summary>Acknowledges messages of one account's stream.</summary>
    Task AcknowledgeAsync(StreamId stream, IReadOnlyList<StreamPosition> positions, CancellationToken cancellationToken);

    /// <summary>
    /// The messages of one account's stream not acknowledged yet, delivered or not, dead-lettered or
    /// not, after <paramref name="after"/> (from the first when null) and before <paramref name="before"/>, in stream order.
    /// </summary>
    Task<IReadOnlyList<UnacknowledgedMessage>> ReadUnacknowledgedAsync(
        StreamId stream, StreamPosition? after, StreamPosition before, CancellationToken cancellationToken);

    /// <summary>
    /// Records that applying the message at <paramref name="position"/> failed with <paramref name="error"/>;
    /// the failure that reaches the queue's limit makes it a dead letter, with the later messages of its stream.
    /// </summary>
    Task<FailedDelivery> RecordFailureAsync(StreamId stream, StreamPosition position, Exception error, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the message at <paramref name="position"/>, and the later ones of its stream, to the dead
    /// letters to wait behind the refused dead letter at <paramref name="deadLetter"/>.
    /// </summary>
    Task HoldAsync(StreamId stream, StreamPosition position, StreamPosition deadLetter, CancellationToken cancellationToken);
}
