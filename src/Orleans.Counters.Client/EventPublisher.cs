using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Streaming.Postgres;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Counters.Client;

/// <summary>
/// Puts validated events on the events stream: one message per account, keyed by the
/// account, so each account's ingest grain receives its events as one batch. On the durable
/// PostgreSQL queue every message of the call is committed in one transaction: all or none.
/// </summary>
public sealed class EventPublisher(IClusterClient client)
{
    private readonly PostgresEventQueue? _durableQueue = client.ServiceProvider.GetKeyedService<PostgresEventQueue>(CounterStreams.ProviderName);

    /// <summary>Publishes the events; returns once every message is stored (durable queue) or queued (memory streams).</summary>
    public async Task PublishAsync(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken = default)
    {
        var batches = events
            .GroupBy(e => e.Account, StringComparer.Ordinal)
            .Select(account => (Stream: StreamId.Create(CounterStreams.EventsNamespace, account.Key), Batch: new EventBatch(account.Key, [.. account])))
            .ToList();
        if (_durableQueue is not null)
        {
            await _durableQueue.EnqueueAsync([.. batches.Select(b => _durableQueue.CreateMessage(b.Stream, [b.Batch]))], cancellationToken);
            return;
        }

        var provider = client.GetStreamProvider(CounterStreams.ProviderName);
        await Task.WhenAll(batches.Select(b => provider.GetStream<EventBatch>(b.Stream).OnNextAsync(b.Batch)));
    }
}
