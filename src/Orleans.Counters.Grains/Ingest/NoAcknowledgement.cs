namespace Orleans.Counters.Grains.Ingest;

/// <summary>The acknowledger for streams that need none, such as Orleans' memory streams.</summary>
public sealed class NoAcknowledgement : IEventAcknowledger
{
    /// <inheritdoc />
    public bool IsEnabled => false;

    /// <inheritdoc />
    public Task AcknowledgeAsync(StreamId stream, IReadOnlyList<StreamPosition> positions, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IReadOnlyList<(StreamPosition Position, EventBatch Batch)>> ReadUnacknowledgedAsync(
        StreamId stream, StreamPosition? after, StreamPosition before, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(StreamPosition, EventBatch)>>([]);
}
