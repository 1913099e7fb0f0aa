using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Counters.Client;

/// <summary>
/// Publishes events on the events stream through Orleans' stream provider: one message per account,
/// keyed by the account, so each account's ingest grain receives its events as one batch. Leaves no
/// event out as a repeat: ids are remembered by the durable queue only.
/// </summary>
public sealed class StreamEventWriter(IClusterClient client) : IEventWriter
{
    /// <inheritdoc />
    public async Task<int> WriteAsync(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken)
    {
        var provider = client.GetStreamProvider(CounterStreams.ProviderName);
        var publishedAt = (client.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        await Task.WhenAll(events
            .GroupBy(e => e.Account, StringComparer.Ordinal)
            .Select(account => provider
                .GetStream<EventBatch>(StreamId.Create(CounterStreams.EventsNamespace, account.Key))
                .OnNextAsync(new EventBatch(account.Key, [.. account]) { PublishedAt = publishedAt })));
        return 0;
    }
}
