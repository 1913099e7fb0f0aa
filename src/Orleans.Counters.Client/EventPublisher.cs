using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Counters.Client;

/// <summary>
/// Puts validated events on the events stream: one message per account, keyed by the
/// account, so each account's ingest grain receives its events as one batch. On the durable
/// PostgreSQL queue every message of the call is committed in one transaction, all or none, and
/// events whose id was seen within the idempotency window are left out (<see cref="DurableEventWriter"/>).
/// On memory streams, publishes for an account made while a message of it is on its way go together in its
/// next message (<see cref="AccountMessageCoalescer"/>, one per cluster client).
/// </summary>
public sealed class EventPublisher(IClusterClient client)
{
    // One per client, whatever the number of publishers: publishes join only within one coalescer.
    private static readonly ConditionalWeakTable<IClusterClient, AccountMessageCoalescer> Coalescers = new();

    private readonly DurableEventWriter? _durable = client.ServiceProvider.GetKeyedService<DurableEventWriter>(CounterStreams.ProviderName);

    /// <summary>Publishes the events; returns once every message is committed (durable queue) or queued (memory streams).</summary>
    public async Task PublishAsync(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken = default)
    {
        if (_durable is not null)
        {
            await _durable.WriteAsync(events, cancellationToken);
            return;
        }

        var coalescer = Coalescers.GetValue(client, NewCoalescer);
        var publishedAt = (client.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        await Task.WhenAll(events
            .GroupBy(e => e.Account, StringComparer.Ordinal)
            .Select(account => coalescer.PublishAsync(account.Key, [.. account], publishedAt)));
    }

    private static AccountMessageCoalescer NewCoalescer(IClusterClient client)
    {
        var provider = client.GetStreamProvider(CounterStreams.ProviderName);
        return new AccountMessageCoalescer(batch =>
            provider.GetStream<EventBatch>(StreamId.Create(CounterStreams.EventsNamespace, batch.Account)).OnNextAsync(batch));
    }
}
