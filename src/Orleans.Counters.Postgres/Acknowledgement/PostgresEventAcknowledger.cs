using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Events;
using Orleans.Counters.Grains;
using Orleans.Counters.Grains.Ingest;
using Orleans.Runtime;
using StreamPosition = Orleans.Counters.Grains.StreamPosition;

namespace Orleans.Counters.Postgres.Acknowledgement;

/// <summary>
/// Acknowledges messages of the durable events queue: takes them out of their rows (a row goes with its
/// last message), so they are not leased again; reads back a stream's rows not yet acknowledged, dead letters included; and counts the
/// deliveries the ingest grain failed, which turn a poison message into a dead letter. The silo's ingest
/// grains' acknowledgements share statements (<see cref="AcknowledgementBatcher"/>).
/// </summary>
public sealed class PostgresEventAcknowledger([FromKeyedServices(CounterStreams.ProviderName)] PostgresEventQueue queue) : IEventAcknowledger, IAsyncDisposable
{
    private readonly AcknowledgementBatcher _batcher = new(queue);

    /// <inheritdoc />
    public bool IsEnabled => true;

    /// <inheritdoc />
    public Task AcknowledgeAsync(StreamId stream, IReadOnlyList<StreamPosition> positions, CancellationToken cancellationToken) =>
        _batcher.AcknowledgeAsync([.. positions.Select(p => (stream, p.Sequence)).Distinct()], cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    /// <inheritdoc />
    public async Task<IReadOnlyList<UnacknowledgedMessage>> ReadUnacknowledgedAsync(
        StreamId stream, StreamPosition? after, StreamPosition before, CancellationToken cancellationToken)
    {
        // A row is one message, its events indexed by their place in it; the row of `after` may hold more.
        var rows = await queue.ReadStreamAsync(stream, after is { } first ? first.Sequence - 1 : 0, before.Sequence, cancellationToken);
        return [.. rows.SelectMany(row => row.Events
            .Select((item, index) => (Position: new StreamPosition(row.Sequence, index), Item: item))
            .Where(e => e.Item is EventBatch && (after is null || e.Position > after) && e.Position < before)
            .Select(e => new UnacknowledgedMessage(e.Position, (EventBatch)e.Item, row.Refusal is not null)))];
    }

    /// <inheritdoc />
    public async Task<FailedDelivery> RecordFailureAsync(StreamId stream, StreamPosition position, Exception error, CancellationToken cancellationToken) =>
        await queue.RecordFailedDeliveryAsync(stream, position.Sequence, $"{error.GetType().Name}: {error.Message}", cancellationToken) switch
        {
            DeliveryFailureOutcome.Counted => FailedDelivery.Retry,
            DeliveryFailureOutcome.DeadLettered => FailedDelivery.DeadLettered,
            _ => FailedDelivery.Acknowledged,
        };

    /// <inheritdoc />
    public Task HoldAsync(StreamId stream, StreamPosition position, StreamPosition deadLetter, CancellationToken cancellationToken) =>
        queue.HoldBehindDeadLetterAsync(stream, position.Sequence, deadLetter.Sequence, cancellationToken);
}
