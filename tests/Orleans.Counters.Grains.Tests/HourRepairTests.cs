using Orleans.Core.Internal;
using Orleans.Runtime;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// An hour whose activation went away without persisting messages gets them again from the queue: the ingest
/// grain reads back the stream's unacknowledged messages and applies their parts to the new activation
/// (docs/exactly-once.md, the hour's reincarnation).
/// </summary>
public sealed class HourRepairTests(QueueLikeClusterFixture fixture) : IClassFixture<QueueLikeClusterFixture>
{
    private const string Account = "repaired";
    private static readonly DateTime At = new(2025, 11, 5, 14, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task AnHourThatLostUnpersistedMessages_GetsThemAgainFromTheQueue_AndEveryPeriodIsExact()
    {
        var truth = new GroundTruth();
        var publisher = new EventPublisher(fixture.Client);
        var hour = fixture.Client.GetHourCounters(CounterGroup.Of(SeriesKey.AllUrlsOf(Account, "pageview"), Period.Containing(PeriodKind.Hour, At)));
        var allUrls = new SeriesId("pageview", SeriesKey.AllUrls);

        // A: counted, persisted and acknowledged.
        await PublishAsync(publisher, truth, Batch(0));
        await Eventually.ReadAsync(() => hour.GetCountsAsync(allUrls), c => c.Total == 10, TimeSpan.FromSeconds(20));
        var first = (await Eventually.ReadAsync(() => hour.GetPersistedPositionAsync(Account), p => p.Position is not null, TimeSpan.FromSeconds(20))).Incarnation;
        await Eventually.ReadAsync(() => Task.FromResult(fixture.Queue.Unacknowledged(Account)), n => n == 0, TimeSpan.FromSeconds(20));
        Assert.Equal(0, fixture.Queue.Unacknowledged(Account));

        // B: counted by the hour, which cannot write it; then the activation goes away, its state with it.
        fixture.Failures.FailingKey = hour.GetGrainId().Key.ToString();
        await PublishAsync(publisher, truth, Batch(1));
        await Eventually.ReadAsync(() => hour.GetCountsAsync(allUrls), c => c.Total == 20, TimeSpan.FromSeconds(20));
        await hour.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.ReadAsync(async () => (await hour.GetPersistedPositionAsync(Account)).Incarnation, i => i != first, TimeSpan.FromSeconds(20));
        fixture.Failures.FailingKey = null;

        // C: the new activation refuses it until what it lacks is applied again from the queue.
        await PublishAsync(publisher, truth, Batch(2));

        CountsVerifier.CountsReader read = fixture.Client.GetCountsAsync;
        await CountsVerifier.WaitForYearsAsync(truth, read, TimeSpan.FromSeconds(30));
        var report = await CountsVerifier.VerifyAsync(truth, read);
        Assert.True(report.Mismatches.Count == 0, report.ToString());
        Assert.Equal(30, (await hour.GetCountsAsync(allUrls)).Total);
        Assert.True(fixture.Queue.ReadsBack > 0, "the lost message came back without being read from the queue");
        await Eventually.ReadAsync(() => Task.FromResult(fixture.Queue.Unacknowledged(Account)), n => n == 0, TimeSpan.FromSeconds(20));
        Assert.Equal(0, fixture.Queue.Unacknowledged(Account));
    }

    private static List<CounterEvent> Batch(int number) =>
    [
        .. Enumerable.Range(0, 10).Select(i => new CounterEvent
        {
            Account = Account,
            Type = "pageview",
            Url = $"/page/{i % 3}",
            Timestamp = At.AddMinutes((number * 10) + i),
        }),
    ];

    private static async Task PublishAsync(EventPublisher publisher, GroundTruth truth, List<CounterEvent> batch)
    {
        truth.Add(batch);
        await publisher.PublishAsync(batch);
    }
}
