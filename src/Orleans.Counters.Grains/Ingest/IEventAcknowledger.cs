namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Tells a durable events queue that messages may be forgotten: called only once every hour
/// counter a message touched has persisted it (docs/exactly-once.md).
/// </summary>
public interface IEventAcknowledger
{
    /// <summary>False for a stream that forgets messages by itself (memory streams): then nothing is tracked.</summary>
    bool IsEnabled { get; }

    /// <summary>Acknowledges messages of one account's stream.</summary>
    Task AcknowledgeAsync(StreamId stream, IReadOnlyList<StreamPosition> positions, CancellationToken cancellationToken);
}
