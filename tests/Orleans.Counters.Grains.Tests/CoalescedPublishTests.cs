namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// Many concurrent single-event publishes for one account reach its ingest grain as a few messages, so a few
/// grain turns and hour calls carry them all, and every event is still counted once (issue 18, item 3).
/// </summary>
public sealed class CoalescedPublishTests(IngestLogClusterFixture fixture) : IClassFixture<IngestLogClusterFixture>
{
    private const int Publishes = 400;

    [Fact]
    public async Task ConcurrentSingleEventPublishesForOneAccountArriveAsFewerMessagesAndCountExactly()
    {
        const string account = "coalesced";
        var at = new DateTime(2025, 8, 1, 10, 0, 0, DateTimeKind.Utc);
        var publisher = new EventPublisher(fixture.Client);

        await Task.WhenAll(Enumerable.Range(0, Publishes).Select(i =>
            publisher.PublishAsync([new CounterEvent { Account = account, Type = "pageview", Url = $"/p{i % 7}", Timestamp = at.AddSeconds(i % 60) }])));

        var series = SeriesKey.AllUrlsOf(account, "pageview");
        var hour = await Eventually.ReadAsync(() => fixture.Client.GetCountsAsync(series, Period.Hour(2025, 8, 1, 10)), c => c.Total >= Publishes);
        Assert.Equal(Publishes, hour.Total);
        Assert.Equal(Publishes, (await Eventually.ReadAsync(() => fixture.Client.GetCountsAsync(series, Period.Year(2025)), c => c.Total >= Publishes)).Total);

        var messages = fixture.Log.Messages.Count(m => m.StartsWith($"Applied {account} message ", StringComparison.Ordinal));
        Assert.InRange(messages, 1, Publishes / 4);
    }
}
