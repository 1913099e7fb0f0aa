using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Postgres.Writing;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Counters.Client;

/// <summary>
/// Puts validated events on the events stream: one message per account, keyed by the
/// account, so each account's ingest grain receives its events as one batch. On the durable
/// PostgreSQL queue every message of the call is committed in one transaction, all or none, and
/// events whose id was seen within the idempotency window are left out (<see cref="DurableEventWriter"/>).
/// </summary>
public sealed class EventPublisher(IClusterClient client)
{
    private readonly DurableEventWriter? _durable = client.ServiceProvider.GetKeyedService<DurableEventWriter>(CounterStreams.ProviderName);

    /// <summary>Publishes the events; returns once every message is committed (durable queue) or queued (memory streams).</summary>
    public async Task PublishAsync(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken = default)
    {
        if (_durable is not null)
        {
            await _durable.WriteAsync(events, cancellationToken);
            return;
        }

        var provider = client.GetStreamProvider(CounterStreams.ProviderName);
        var publishedAt = (client.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        await Task.WhenAll(events
            .GroupBy(e => e.Account, StringComparer.Ordinal)
            .Select(account => provider
                .GetStream<EventBatch>(StreamId.Create(CounterStreams.EventsNamespace, account.Key))
                .OnNextAsync(new EventBatch(account.Key, [.. account]) { PublishedAt = publishedAt })));
    }
}
