using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Grains;
using Orleans.Counters.Grains.Ingest;
using Orleans.Counters.Streaming.Postgres;
using Orleans.Runtime;

namespace Orleans.Counters.Hosting;

/// <summary>Acknowledges messages of the durable events queue: deletes their rows, so they are not leased again.</summary>
public sealed class PostgresEventAcknowledger([FromKeyedServices(CounterStreams.ProviderName)] PostgresEventQueue queue) : IEventAcknowledger
{
    /// <inheritdoc />
    public bool IsEnabled => true;

    /// <inheritdoc />
    public Task AcknowledgeAsync(StreamId stream, IReadOnlyList<StreamPosition> positions, CancellationToken cancellationToken)
    {
        var queueId = queue.GetQueue(stream);
        return queue.AcknowledgeAsync(positions.Select(p => (queueId, p.Sequence)), cancellationToken);
    }
}
