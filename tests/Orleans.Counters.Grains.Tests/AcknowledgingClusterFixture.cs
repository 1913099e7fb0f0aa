using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Ingest;
using Orleans.Runtime;

namespace Orleans.Counters.Grains.Tests;

/// <summary>A cluster whose events stream wants acknowledgements, as the durable one does; they are recorded.</summary>
public sealed class AcknowledgingClusterFixture : ClusterFixture
{
    /// <summary>How long a changed counter may stay unwritten in this cluster.</summary>
    public static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(3);

    /// <summary>The acknowledgements the ingest grains made.</summary>
    public RecordingAcknowledger Acknowledger { get; } = new();

    /// <inheritdoc />
    protected override void ConfigureSiloServices(IServiceCollection services)
    {
        services.AddSingleton<IEventAcknowledger>(Acknowledger);
        services.Configure<CounterOptions>(options => options.PersistInterval = PersistInterval);
    }

    /// <summary>Records every acknowledged (stream key, position).</summary>
    public sealed class RecordingAcknowledger : IEventAcknowledger
    {
        /// <summary>The acknowledgements, in the order they came.</summary>
        public ConcurrentQueue<(string Stream, StreamPosition Position)> Acknowledged { get; } = new();

        /// <inheritdoc />
        public bool IsEnabled => true;

        /// <inheritdoc />
        public Task AcknowledgeAsync(StreamId stream, IReadOnlyList<StreamPosition> positions, CancellationToken cancellationToken)
        {
            foreach (var position in positions)
            {
                Acknowledged.Enqueue((stream.GetKeyAsString(), position));
            }

            return Task.CompletedTask;
        }

        /// <inheritdoc />
        /// <remarks>This cluster's memory stream keeps no messages to read back; the durable queue's reading is tested in the integration tests.</remarks>
        public Task<IReadOnlyList<UnacknowledgedMessage>> ReadUnacknowledgedAsync(
            StreamId stream, StreamPosition? after, StreamPosition before, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<UnacknowledgedMessage>>([]);

        /// <inheritdoc />
        /// <remarks>A memory stream keeps no dead letters: the delivery is retried, as without a durable queue.</remarks>
        public Task<FailedDelivery> RecordFailureAsync(StreamId stream, StreamPosition position, Exception error, CancellationToken cancellationToken) =>
            Task.FromResult(FailedDelivery.Retry);

        /// <inheritdoc />
        public Task HoldAsync(StreamId stream, StreamPosition position, StreamPosition deadLetter, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
