using System.Diagnostics.Metrics;
using Orleans.Counters.Grains.Operations;
using Orleans.Runtime;
using static Orleans.Counters.Grains.Tests.PageviewEvents;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// Past an hour's cap on URL and referrer series, events count in their type's <c>(other)</c> series:
/// every total stays exact at every level, and the values kept and <c>(other)</c> add up to them.
/// </summary>
public sealed class OverflowTests(CappedClusterFixture fixture) : IClassFixture<CappedClusterFixture>
{
    private const string Type = PageviewEvents.Type;
    private static readonly DateTime Hour = new(2025, 8, 10, 14, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task PastTheCapNewUrlsCountAsOtherAndEveryTotalStaysExactAtEveryLevel()
    {
        const string account = "overflow-urls";
        // 40 URLs, the i-th with i + 1 events, spread over the hour's minutes, in several messages.
        var events = Enumerable.Range(0, 40)
            .SelectMany(i => Enumerable.Range(0, i + 1).Select(n => Event(account, Hour.AddMinutes((i + n) % 60), url: $"/page/{i}", value: 1 + i % 3)))
            .ToList();
        await PublishAsync(events);

        var periods = new[] { Period.Containing(PeriodKind.Hour, Hour), Period.Containing(PeriodKind.Day, Hour), Period.Containing(PeriodKind.Month, Hour), Period.Containing(PeriodKind.Year, Hour) };
        await WaitForAsync(account, periods[^1], events.Count);

        var reader = new CounterReader(fixture.Client);
        foreach (var period in periods)
        {
            var all = await fixture.Client.GetCountsAsync(SeriesKey.AllUrlsOf(account, Type), period);
            Assert.Equal(events.Count, all.Total);
            Assert.Equal(events.Sum(e => (decimal)e.Value!.Value), all.Sum);

            var top = await reader.TopAsync(account, Type, TopDimension.Url, period, 1000, CountWindow.At(DateTime.UtcNow, new EventLimits()));
            var other = Assert.Single(top.Top, item => item.Series.IsOverflow);
            var kept = top.Top.Where(item => !item.Series.IsOverflow).ToList();
            Assert.True(kept.Count <= CappedClusterFixture.MaxUrlsPerHour, $"{period} keeps {kept.Count} URLs");
            Assert.Equal(kept.Count, top.Distinct);
            Assert.True(other.Total > 0);
            Assert.Equal(events.Count, kept.Sum(item => item.Total) + other.Total);
            Assert.Equal(all.Sum, kept.Sum(item => item.Sum) + other.Sum);
            foreach (var item in kept)
            {
                // A URL kept was kept from its first event on: all of its events count in it.
                Assert.Equal(events.Count(e => e.Url == item.Series.Url), item.Total);
            }
        }

        for (var shard = 0; shard < CounterGroup.ShardCount; shard++)
        {
            var hour = await fixture.Client.GetHourCounters(new CounterGroup(account, periods[0], shard)).GetTopAsync(Type, TopDimension.Url, 1000);
            Assert.True(hour.Distinct <= CappedClusterFixture.MaxUrlsPerHour / CounterGroup.ShardCount, $"shard {shard} keeps {hour.Distinct} URLs");
        }
    }

    [Fact]
    public async Task PastTheCapNewReferrersCountAsOther()
    {
        const string account = "overflow-referrers";
        var events = Enumerable.Range(0, 12)
            .SelectMany(i => Enumerable.Range(0, i + 1).Select(n => Event(account, Hour.AddMinutes(n), url: "/", referrer: $"https://site{i}.example/x")))
            .ToList();
        await PublishAsync(events);
        var day = Period.Containing(PeriodKind.Day, Hour);
        await WaitForAsync(account, Period.Containing(PeriodKind.Year, Hour), events.Count);

        var top = await new CounterReader(fixture.Client).TopAsync(account, Type, TopDimension.Referrer, day, 1000, CountWindow.At(DateTime.UtcNow, new EventLimits()));

        var other = Assert.Single(top.Top, item => item.Series.IsOverflow);
        Assert.Equal(SeriesId.Overflow, other.Series.Value);
        Assert.True(top.Distinct <= CappedClusterFixture.MaxReferrersPerHour, $"{top.Distinct} referrers kept");
        Assert.Equal(events.Count, top.Top.Sum(item => item.Total));
        Assert.Equal(events.Count, (await new CounterReader(fixture.Client).TopAsync(account, Type, TopDimension.Url, day, 1000, CountWindow.At(DateTime.UtcNow, new EventLimits()))).Top.Single().Total);
    }

    [Fact]
    public async Task AReplayedMessagePastTheCapChangesNothingAndAReactivatedHourKeepsItsCap()
    {
        // The silos run in this process: their overflow metric is heard here. No other test here overflows URLs meanwhile.
        long overflowedUrls = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == GrainMetrics.MeterName && instrument.Name == "counters.series.overflow")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            // Hour caps only: YearCapOverflowTests, which may run meanwhile, overflows years.
            if (tags.ToArray() is var all && all.Contains(new KeyValuePair<string, object?>("kind", "url")) && all.Contains(new KeyValuePair<string, object?>("cap", "hour")))
            {
                Interlocked.Add(ref overflowedUrls, value);
            }
        });
        listener.Start();

        var group = new CounterGroup("overflow-replay", Period.Containing(PeriodKind.Hour, Hour), 0);
        var hour = fixture.Client.GetHourCounters(group);
        var other = new SeriesId(Type, SeriesId.Overflow);
        // The hour keeps 2 URL series per shard: /a and /b; /c and /d count as (other).
        var message = new GroupIncrement(group.Account, new StreamPosition(7, 0),
        [
            Minutes("/a", 1), Minutes("/b", 2), Minutes("/c", 3), Minutes("/d", 4),
        ]);

        var applied = await hour.ApplyAsync(message);
        Assert.Equal(HourApplyOutcome.Applied, applied.Outcome);
        Assert.Equal(HourApplyOutcome.Replay, (await hour.ApplyAsync(message)).Outcome);
        Assert.Equal(7, (await hour.GetCountsAsync(other)).Total);
        Assert.Equal(0, (await hour.GetCountsAsync(new SeriesId(Type, "/c"))).Total);

        // Once it is written, collect it until a new activation answers: its cap is made from the series stored.
        await Eventually.ReadAsync(() => hour.GetPersistedPositionAsync(group.Account), persisted => persisted.Position == message.Position);
        var reactivated = await Eventually.ReadAsync(
            async () =>
            {
                await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
                return await hour.GetPersistedPositionAsync(group.Account);
            },
            persisted => persisted.Incarnation != applied.Incarnation);
        Assert.NotEqual(applied.Incarnation, reactivated.Incarnation);
        var next = new GroupIncrement(group.Account, new StreamPosition(8, 0), [Minutes("/a", 1), Minutes("/c", 1), Minutes("/e", 1)]);
        Assert.Equal(HourApplyOutcome.Applied, (await hour.ApplyAsync(next)).Outcome);

        Assert.Equal(2, (await hour.GetCountsAsync(new SeriesId(Type, "/a"))).Total);
        Assert.Equal(2, (await hour.GetCountsAsync(new SeriesId(Type, "/b"))).Total);
        Assert.Equal(9, (await hour.GetCountsAsync(other)).Total);
        Assert.Equal(0, (await hour.GetCountsAsync(new SeriesId(Type, "/e"))).Total);
        Assert.Equal(7 + 2, Interlocked.Read(ref overflowedUrls));
    }

    [Fact]
    public async Task PastTheCapNewTypesCountAsOtherInEveryPeriodAndKeepThatAnswer()
    {
        const string account = "overflow-types";
        string[] types = ["a", "b", "c", "d", "e"];
        var events = types.SelectMany((type, i) => Enumerable.Range(0, i + 1).Select(n => Event(account, Hour.AddMinutes(n), url: $"/{type}") with { Type = type })).ToList();
        await new EventPublisher(fixture.Client).PublishAsync(events);
        var year = Period.Containing(PeriodKind.Year, Hour);
        var other = await Eventually.ReadAsync(
            () => fixture.Client.GetCountsAsync(SeriesKey.AllUrlsOf(account, SeriesId.Overflow), year),
            counts => counts.Total == 4 + 5,
            TimeSpan.FromSeconds(30));

        Assert.Equal(4 + 5, other.Total);
        var catalog = fixture.Client.GetGrain<IAccountCatalogGrain>(account);
        Assert.Equal([SeriesId.Overflow, "a", "b", "c"], (await catalog.GetTypesAsync()).AsEnumerable());
        Assert.Contains(SeriesId.Overflow, await fixture.Client.GetGrain<IAccountCatalogGrain>(SeriesKey.AllAccounts).GetTypesAsync());
        foreach (var period in new[] { Period.Containing(PeriodKind.Hour, Hour), Period.Containing(PeriodKind.Day, Hour), year })
        {
            var totals = await Task.WhenAll(new[] { "a", "b", "c", SeriesId.Overflow }.Select(async type =>
                (await fixture.Client.GetCountsAsync(SeriesKey.AllUrlsOf(account, type), period)).Total));
            Assert.Equal(new long[] { 1, 2, 3, 9 }, totals);
            Assert.Equal(0, (await fixture.Client.GetCountsAsync(SeriesKey.AllUrlsOf(account, "d"), period)).Total);
        }

        // Asked again, as a new ingest activation would for a message applied again, the catalog answers alike.
        Assert.Equal(["c"], (await catalog.AdmitTypesAsync(["d", "c", "f"])).AsEnumerable());
        Assert.Equal([SeriesId.Overflow, "a", "b", "c"], (await catalog.GetTypesAsync()).AsEnumerable());
    }

    private static SeriesMinutes Minutes(string url, long count) => new(new SeriesId(Type, url), [new MinuteCount(5, count)]);

    private async Task PublishAsync(IReadOnlyList<CounterEvent> events)
    {
        var publisher = new EventPublisher(fixture.Client);
        foreach (var batch in events.Chunk(50))
        {
            await publisher.PublishAsync(batch);
        }
    }

    private async Task WaitForAsync(string account, Period year, long total)
    {
        var counts = await Eventually.ReadAsync(
            () => fixture.Client.GetCountsAsync(SeriesKey.AllUrlsOf(account, Type), year),
            counts => counts.Total == total,
            TimeSpan.FromSeconds(30));
        Assert.Equal(total, counts.Total);
    }
}
