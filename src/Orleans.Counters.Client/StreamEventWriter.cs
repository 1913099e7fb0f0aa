using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Counters.Client;

/// <summary>
/// Publishes events on the events stream through Orleans' stream provider: one message per account,
/// keyed by the account, so each account's ingest grain receives its events as one batch. Publishes for an
/// account made while a message of it is on its way go together in its next message
/// (<see cref="AccountMessageCoalescer"/>, one per cluster client). Leaves no event out as a repeat: ids are
/// remembered by the durable queue only.
/// </summary>
public sealed class StreamEventWriter(IClusterClient client) : IEventWriter
{
    // One per client, whatever the number of writers: publishes join only within one coalescer.
    private static readonly ConditionalWeakTable<IClusterClient, AccountMessageCoalescer> Coalescers = new();

    /// <inheritdoc />
    public async Task<int> WriteAsync(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken)
    {
        var coalescer = Coalescers.GetValue(client, NewCoalescer);
        var publishedAt = (client.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        await Task.WhenAll(events
            .GroupBy(e => e.Account, StringComparer.Ordinal)
            .Select(account => coalescer.PublishAsync(account.Key, [.. account], publishedAt)));
        return 0;
    }

    private static AccountMessageCoalescer NewCoalescer(IClusterClient client)
    {
        var provider = client.GetStreamProvider(CounterStreams.ProviderName);
        return new AccountMessageCoalescer(batch =>
            provider.GetStream<EventBatch>(StreamId.Create(CounterStreams.EventsNamespace, batch.Account)).OnNextAsync(batch));
    }
}
