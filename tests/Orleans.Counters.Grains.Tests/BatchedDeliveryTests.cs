using Orleans.Streams;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// A silo's pulling agent hands an ingest grain the messages it holds for its account together, and the grain
/// applies them with one call per hour group, each message under its own position: many one-event messages cost
/// a few hour calls, and every event still counts once (issue 18, item 3).
/// </summary>
public sealed class BatchedDeliveryTests(HourCallCountingClusterFixture fixture) : IClassFixture<HourCallCountingClusterFixture>
{
    private const int Messages = 400;

    [Fact]
    public async Task ManyOneEventMessagesOfOneAccount_ReachItsHourInFewCalls_AndCountOnce()
    {
        const string account = "batched";
        var at = new DateTime(2025, 9, 1, 10, 0, 0, DateTimeKind.Utc);
        var stream = fixture.Client.GetStreamProvider(CounterStreams.ProviderName)
            .GetStream<EventBatch>(StreamId.Create(CounterStreams.EventsNamespace, account));
        var callsBefore = fixture.ApplyCalls;

        // Published straight onto the stream, bypassing the client's joining of requests: each is a message.
        await Task.WhenAll(Enumerable.Range(0, Messages).Select(i => stream.OnNextAsync(
            new EventBatch(account, [new CounterEvent { Account = account, Type = "pageview", Timestamp = at.AddSeconds(i % 60) }]) { PublishedAt = DateTime.UtcNow })));

        var series = SeriesKey.AllUrlsOf(account, "pageview");
        var hour = await Eventually.ReadAsync(() => fixture.Client.GetCountsAsync(series, Period.Hour(2025, 9, 1, 10)), c => c.Total >= Messages);
        Assert.Equal(Messages, hour.Total);
        Assert.Equal(Messages, (await Eventually.ReadAsync(() => fixture.Client.GetCountsAsync(series, Period.Year(2025)), c => c.Total >= Messages)).Total);

        // One call per message without batched delivery; the agent delivers up to DeliveryBatchSize at once.
        Assert.InRange(fixture.ApplyCalls - callsBefore, 1, Messages / 4);
    }
}
