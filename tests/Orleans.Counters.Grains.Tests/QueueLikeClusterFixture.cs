using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Ingest;
using Orleans.Counters.Hosting;
using Orleans.Hosting;
using Orleans.Streams;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// A cluster whose acknowledger reads back, as the durable queue does: it keeps every message delivered to an
/// ingest grain (seen by a call filter on the silos) until the grain acknowledges it. Its counter storage can
/// be told to refuse one grain's writes, so that an hour loses what it had not persisted.
/// </summary>
public sealed class QueueLikeClusterFixture : ClusterFixture
{
    /// <summary>The messages delivered and not acknowledged yet.</summary>
    public QueueAcknowledger Queue { get; } = new();

    /// <summary>Which grain's writes fail.</summary>
    public WriteFailures Failures { get; } = new();

    /// <inheritdoc />
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        HookedWriteStorage.AddTo(silo, Failures.BeforeWriteAsync);
        silo.AddIncomingGrainCallFilter(new DeliveryRecorder(Queue));
    }

    /// <inheritdoc />
    protected override void ConfigureSiloServices(IServiceCollection services)
    {
        services.AddSingleton<IEventAcknowledger>(Queue);
        services.Configure<CounterOptions>(options => options.PersistInterval = TimeSpan.FromSeconds(1));
    }

    /// <summary>The unacknowledged messages of every stream, by position, as a durable queue holds them.</summary>
    public sealed class QueueAcknowledger : IEventAcknowledger
    {
        private readonly ConcurrentDictionary<(string Stream, StreamPosition Position), EventBatch> _held = new();

        /// <summary>How many messages of <paramref name="stream"/> wait for their acknowledgement.</summary>
        public int Unacknowledged(string stream) => _held.Keys.Count(k => k.Stream == stream);

        /// <summary>How many times a read-back of a stream's messages returned any.</summary>
        public int ReadsBack { get; private set; }

        /// <inheritdoc />
        public bool IsEnabled => true;

        internal void Delivered(string stream, StreamPosition position, EventBatch batch) => _held.TryAdd((stream, position), batch);

        /// <inheritdoc />
        public Task AcknowledgeAsync(StreamId stream, IReadOnlyList<StreamPosition> positions, CancellationToken cancellationToken)
        {
            foreach (var position in positions)
            {
                _held.TryRemove((stream.GetKeyAsString(), position), out _);
            }

            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public Task<IReadOnlyList<UnacknowledgedMessage>> ReadUnacknowledgedAsync(
            StreamId stream, StreamPosition? after, StreamPosition before, CancellationToken cancellationToken)
        {
            var key = stream.GetKeyAsString();
            IReadOnlyList<UnacknowledgedMessage> messages = [.. _held
                .Where(m => m.Key.Stream == key && (after is null || m.Key.Position > after) && m.Key.Position < before)
                .OrderBy(m => m.Key.Position)
                .Select(m => new UnacknowledgedMessage(m.Key.Position, m.Value, Refused: false))];
            if (messages.Count > 0)
            {
                ReadsBack++;
            }

            return Task.FromResult(messages);
        }

        /// <inheritdoc />
        public Task<FailedDelivery> RecordFailureAsync(StreamId stream, StreamPosition position, Exception error, CancellationToken cancellationToken) =>
            Task.FromResult(FailedDelivery.Retry);

        /// <inheritdoc />
        public Task HoldAsync(StreamId stream, StreamPosition position, StreamPosition deadLetter, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }

    /// <summary>The grain whose writes fail while set.</summary>
    public sealed class WriteFailures
    {
        /// <summary>The key of the grain whose writes fail; null for none.</summary>
        public string? FailingKey { get; set; }

        internal Task BeforeWriteAsync(GrainId grainId) =>
            FailingKey == grainId.Key.ToString()
                ? Task.FromException(new InvalidOperationException($"The test refuses writes of {grainId}."))
                : Task.CompletedTask;
    }

    // Keeps each message delivered to an ingest grain, before the grain sees it, as the queue holds it.
    private sealed class DeliveryRecorder(QueueAcknowledger queue) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            // The pulling agent delivers a stream's messages to its consumer in batch containers.
            if (context.Grain is IngestGrain && context.Request.GetArgumentCount() >= 3 && context.Request.GetArgument(2) is IBatchContainer container)
            {
                foreach (var (batch, token) in container.GetEvents<EventBatch>())
                {
                    queue.Delivered(batch.Account, new StreamPosition(token.SequenceNumber, token.EventIndex), batch);
                }
            }

            return context.Invoke();
        }
    }
}
