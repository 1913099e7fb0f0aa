namespace Orleans.Counters.Client;

/// <summary>
/// Where validated events go: the events stream of the storage mode the process runs in. The servers
/// register theirs (Orleans' stream in memory mode, the durable queue's group commit in PostgreSQL
/// mode); without one, <see cref="EventPublisher"/> publishes on the events stream itself
/// (<see cref="StreamEventWriter"/>).
/// </summary>
public interface IEventWriter
{
    /// <summary>
    /// Writes the events, all or none; returns once they are queued (memory streams) or committed
    /// (durable queue), and how many were left out as repeats of an id seen within the idempotency window.
    /// </summary>
    Task<int> WriteAsync(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken);
}
