namespace Orleans.Counters.Grains.Ingest;

/// <summary>The acknowledger for streams that need none, such as Orleans' memory streams.</summary>
public sealed class NoAcknowledgement : IEventAcknowledger
{
    /// <inheritdoc />
    public bool IsEnabled => false;

    /// <inheritdoc />
    public Task AcknowledgeAsync(StreamId stream, IReadOnlyList<StreamPosition> positions, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IReadOnlyList<UnacknowledgedMessage>> ReadUnacknowledgedAsync(
        StreamId stream, StreamPosition? after, StreamPosition before, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UnacknowledgedMessage>>([]);

    /// <inheritdoc />
    /// <remarks>A memory stream keeps no dead letters: the delivery fails and is retried.</remarks>
    public Task<FailedDelivery> RecordFailureAsync(StreamId stream, StreamPosition position, Exception error, CancellationToken cancellationToken) =>
        Task.FromResult(FailedDelivery.Retry);

    /// <inheritdoc />
    public Task HoldAsync(StreamId stream, StreamPosition position, StreamPosition deadLetter, CancellationToken cancellationToken) => Task.CompletedTask;
}
