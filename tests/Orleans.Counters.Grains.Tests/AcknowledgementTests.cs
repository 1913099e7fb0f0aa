namespace Orleans.Counters.Grains.Tests;

/// <summary>On a stream that wants acknowledgements, a message is acknowledged once, after every hour it touched persisted it.</summary>
public sealed class AcknowledgementTests(AcknowledgingClusterFixture fixture) : IClassFixture<AcknowledgingClusterFixture>
{
    [Fact]
    public async Task MessagesAreAcknowledgedOnceAndOnlyAfterTheirHoursPersistedThem()
    {
        const string account = "acked";
        var at = new DateTime(2025, 10, 10, 10, 10, 0, DateTimeKind.Utc);
        var batches = Enumerable.Range(0, 3).Select(b => Enumerable.Range(0, 20).Select(i => new CounterEvent
        {
            Account = account,
            Type = "pageview",
            Url = $"/page/{i % 4}",
            Timestamp = at.AddMinutes(b * 50 + i),
        }).ToList()).ToList();
        var publisher = new EventPublisher(fixture.Client);
        foreach (var batch in batches)
        {
            await publisher.PublishAsync(batch);
        }

        await Task.Delay(AcknowledgingClusterFixture.PersistInterval / 2);
        Assert.DoesNotContain(fixture.Acknowledger.Acknowledged, a => a.Stream == account);

        var acknowledged = await Eventually.ReadAsync(
            () => Task.FromResult(fixture.Acknowledger.Acknowledged.Where(a => a.Stream == account).ToList()),
            list => list.Count >= batches.Count,
            TimeSpan.FromSeconds(20));
        Assert.Equal(batches.Count, acknowledged.Count);
        Assert.Equal(batches.Count, acknowledged.Select(a => a.Position).Distinct().Count());

        // The stream keeps order, so the i-th position is the i-th batch: each hour it touched has persisted it.
        var positions = acknowledged.Select(a => a.Position).Order().ToList();
        for (var b = 0; b < batches.Count; b++)
        {
            foreach (var hour in batches[b].Select(e => Period.Containing(PeriodKind.Hour, e.Timestamp)).Distinct())
            {
                var persisted = (await fixture.Client.GetHourCounters(CounterGroup.Of(SeriesKey.AllUrlsOf(account, "pageview"), hour)).GetPersistedPositionAsync(account)).Position;
                Assert.True(persisted >= positions[b], $"{hour} persisted {persisted}, batch {b} is {positions[b]}");
            }
        }
    }
}
