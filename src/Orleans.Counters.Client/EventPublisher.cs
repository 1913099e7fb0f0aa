using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Counters.Client;

/// <summary>
/// Puts validated events on the events stream: one message per account, keyed by the
/// account, so each account's ingest grain receives its events as one batch.
/// </summary>
public sealed class EventPublisher(IClusterClient client)
{
    /// <summary>Publishes the events; returns once every message is queued.</summary>
    public Task PublishAsync(IReadOnlyList<CounterEvent> events)
    {
        var provider = client.GetStreamProvider(CounterStreams.ProviderName);
        return Task.WhenAll(events
            .GroupBy(e => e.Account, StringComparer.Ordinal)
            .Select(account => provider
                .GetStream<EventBatch>(StreamId.Create(CounterStreams.EventsNamespace, account.Key))
                .OnNextAsync(new EventBatch(account.Key, [.. account]))));
    }
}
