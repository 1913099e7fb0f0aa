using System.Diagnostics.Metrics;
using Orleans.Counters.Grains.Admission;
using Orleans.Counters.Grains.Operations;
using Orleans.Runtime;
using static Orleans.Counters.Grains.Tests.PageviewEvents;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// Past an account's year cap on URL and referrer series, a series new to the year counts in its type's
/// <c>(other)</c> series in every hour, and so in every day, month and year, whose totals stay exact.
/// The cap is the account's, whichever shard a series lives in, and a message applied again lands the same.
/// </summary>
public sealed class YearCapOverflowTests(YearCappedClusterFixture fixture) : IClassFixture<YearCappedClusterFixture>
{
    private const string Type = PageviewEvents.Type;

    [Fact]
    public async Task PastTheYearCap_NewSeriesCountAsOtherInEveryHourDayMonthAndYear_AndEveryTotalIsExact()
    {
        const string account = "year-cap";
        var random = new Random(20250810);
        DateTime[] hours = [new(2025, 2, 3, 9, 0, 0, DateTimeKind.Utc), new(2025, 2, 3, 17, 0, 0, DateTimeKind.Utc), new(2025, 2, 20, 4, 0, 0, DateTimeKind.Utc),
            new(2025, 6, 11, 12, 0, 0, DateTimeKind.Utc), new(2025, 11, 30, 23, 0, 0, DateTimeKind.Utc), new(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc)];
        // 30 URLs and 12 referrers, three times the year's caps, the lower-numbered ones more often.
        var events = Enumerable.Range(0, 900).Select(_ => Event(
            account,
            hours[random.Next(hours.Length)].AddMinutes(random.Next(60)),
            url: $"/page/{Math.Min(random.Next(30), random.Next(30))}",
            value: random.Next(1, 100),
            referrer: random.Next(2) == 0 ? null : $"https://site{random.Next(12)}.example/x")).ToList();
        await PublishAsync(events);
        var year = Period.Year(2025);

        var reader = new CounterReader(fixture.Client);
        var (_, yearUrls, yearReferrers) = await ReadSettledAsync(reader, account, year, events);
        var keptUrls = yearUrls.Top.Where(item => !item.Series.IsOverflow).Select(item => item.Series.Url).ToHashSet();
        var keptReferrers = yearReferrers.Top.Where(item => !item.Series.IsOverflow).Select(item => item.Series.Referrer!).ToHashSet();
        Assert.Equal(YearCappedClusterFixture.MaxUrlsPerYear, keptUrls.Count);
        Assert.Equal(YearCappedClusterFixture.MaxReferrersPerYear, keptReferrers.Count);
        // The year's URLs live in several shards: the cap is the account's, not a shard's.
        Assert.True(keptUrls.Select(CounterGroup.ShardOf).Distinct().Count() > 1);

        var periods = hours.SelectMany(hour => new[] { PeriodKind.Hour, PeriodKind.Day, PeriodKind.Month }.Select(kind => Period.Containing(kind, hour)))
            .Append(year).Distinct().ToList();
        foreach (var period in periods)
        {
            var sent = events.Where(e => period.Contains(e.Timestamp)).ToList();
            var (all, urls, referrers) = await ReadSettledAsync(reader, account, period, sent);
            Assert.Equal(sent.Count, all.Total);
            Assert.Equal(sent.Sum(e => (decimal)e.Value!.Value), all.Sum);
            // Every URL kept by the year counts all of its events, in every period; the others all count in (other).
            Assert.Equal(ByValue(sent.Select(e => keptUrls.Contains(e.Url!) ? e.Url! : SeriesId.Overflow)), ByValue(urls.Top.Select(item => (item.Series.Value, item.Total))));
            Assert.Equal(sent.Sum(e => (decimal)e.Value!.Value), urls.Top.Sum(item => item.Sum));
            Assert.Equal(
                ByValue(SentReferrers(sent).Select(r => keptReferrers.Contains(r) ? r : SeriesId.Overflow)),
                ByValue(referrers.Top.Select(item => (item.Series.Value, item.Total))));
        }
    }

    [Fact]
    public async Task TheCapIsTheAccountsAcrossItsShards_AndEachYearAndAccountHasItsOwn()
    {
        // 16 URLs over every shard, in the last hour of 2024 and the first of 2025, for two accounts.
        var urls = Enumerable.Range(0, 16).Select(i => $"/shared/{i}").ToList();
        Assert.Equal(CounterGroup.ShardCount, urls.Select(CounterGroup.ShardOf).Distinct().Count());
        DateTime[] instants = [new(2024, 12, 31, 23, 30, 0, DateTimeKind.Utc), new(2025, 1, 1, 0, 30, 0, DateTimeKind.Utc)];
        string[] accounts = ["shards-a", "shards-b"];
        var events = accounts.SelectMany(account => instants.SelectMany(at => urls.Select(url => Event(account, at, url)))).ToList();
        await PublishAsync(events);

        var reader = new CounterReader(fixture.Client);
        foreach (var account in accounts)
        {
            foreach (var at in instants)
            {
                var year = Period.Containing(PeriodKind.Year, at);
                var (_, top, _) = await ReadSettledAsync(reader, account, year, events.Where(e => e.Account == account && year.Contains(e.Timestamp)).ToList());
                Assert.Equal(YearCappedClusterFixture.MaxUrlsPerYear, top.Distinct);
                Assert.Equal(urls.Count - YearCappedClusterFixture.MaxUrlsPerYear, Assert.Single(top.Top, item => item.Series.IsOverflow).Total);
            }
        }
    }

    [Fact]
    public async Task AMessageAppliedAgainLandsWhereItDid_AfterTheHourAndTheAdmissionWereReactivated()
    {
        long yearOverflow = 0;
        using var listener = YearOverflowListener(value => Interlocked.Add(ref yearOverflow, value));
        const string account = "year-replay";
        var full = fixture.Client.GetHourCounters(new CounterGroup(account, Period.Hour(2025, 3, 1, 10), 0));
        Assert.Equal(HourApplyOutcome.Applied, (await full.ApplyAsync(Increment(account, 1, [.. Enumerable.Range(0, 10).Select(i => Minutes($"/u{i}", 1))]))).Outcome);

        // Another shard, another month: /u3 was admitted by the year, /new is past its cap.
        var message = Increment(account, 2, [Minutes("/u3", 2), Minutes("/new", 3)]);
        var hour = fixture.Client.GetHourCounters(new CounterGroup(account, Period.Hour(2025, 5, 2, 8), 1));
        var first = await hour.ApplyAsync(message);
        Assert.Equal(HourApplyOutcome.Applied, first.Outcome);
        await AssertLandedAsync(hour);
        Assert.Equal(3, Interlocked.Read(ref yearOverflow));

        // The hour written, every activation collected: the admission answers from its record.
        await Eventually.ReadAsync(() => hour.GetPersistedPositionAsync(account), persisted => persisted.Position == message.Position);
        await Eventually.ReadAsync(
            async () =>
            {
                await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
                return await hour.GetPersistedPositionAsync(account);
            },
            persisted => persisted.Incarnation != first.Incarnation);
        Assert.Equal(HourApplyOutcome.Replay, (await hour.ApplyAsync(message)).Outcome);
        var admission = fixture.Client.GetGrain<ISeriesAdmissionGrain>(SeriesAdmissionKey.Of(new CounterGroup(account, Period.Hour(2025, 5, 2, 8), 1)));
        Assert.Equal([true, false], (await admission.AdmitAsync([new SeriesId(Type, "/u3"), new SeriesId(Type, "/new")])).AsEnumerable());

        // Applied again to an activation that lost it (one that holds what storage held before it: nothing).
        var lost = fixture.Client.GetHourCounters(new CounterGroup(account, Period.Hour(2025, 5, 2, 9), 1));
        Assert.Equal(HourApplyOutcome.Applied, (await lost.ApplyAsync(message)).Outcome);
        await AssertLandedAsync(lost);
        Assert.Equal(3 + 3, Interlocked.Read(ref yearOverflow));
    }

    private static async Task AssertLandedAsync(IHourCountersGrain hour)
    {
        Assert.Equal(2, (await hour.GetCountsAsync(new SeriesId(Type, "/u3"))).Total);
        Assert.Equal(3, (await hour.GetCountsAsync(new SeriesId(Type, SeriesId.Overflow))).Total);
        Assert.Equal(0, (await hour.GetCountsAsync(new SeriesId(Type, "/new"))).Total);
    }

    private static MeterListener YearOverflowListener(Action<long> counted)
    {
        var listener = new MeterListener
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
            // Only this class's tests overflow a year, and they run one at a time.
            if (tags.ToArray().Contains(new KeyValuePair<string, object?>("cap", "year")))
            {
                counted(value);
            }
        });
        listener.Start();
        return listener;
    }

    private static Dictionary<string, long> ByValue(IEnumerable<string> values) => values.GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());

    private static Dictionary<string, long> ByValue(IEnumerable<(string Value, long Total)> items) => items.ToDictionary(item => item.Value, item => item.Total);

    private static Task<TopSeries> TopAsync(CounterReader reader, string account, TopDimension by, Period period) =>
        reader.TopAsync(account, Type, by, period, 1000, CountWindow.At(DateTime.UtcNow, new EventLimits()));

    private static GroupIncrement Increment(string account, long sequence, ImmutableArray<SeriesMinutes> series) => new(account, new StreamPosition(sequence, 0), series);

    private static SeriesMinutes Minutes(string url, long count) => new(new SeriesId(Type, url), [new MinuteCount(5, count)]);

    private async Task PublishAsync(IReadOnlyList<CounterEvent> events)
    {
        var publisher = new EventPublisher(fixture.Client);
        foreach (var batch in events.Chunk(50))
        {
            await publisher.PublishAsync(batch);
        }
    }

    /// <summary>
    /// A period's all-URL counts and its URL and referrer lists, once they hold every event sent in it: each
    /// shard's rollups are reported apart, so the lists may trail the all-URL series.
    /// </summary>
    private async Task<(PeriodCounts All, TopSeries Urls, TopSeries Referrers)> ReadSettledAsync(CounterReader reader, string account, Period period, IReadOnlyList<CounterEvent> sent)
    {
        var withReferrer = SentReferrers(sent).Count();
        return await Eventually.ReadAsync(
            async () => (
                await fixture.Client.GetCountsAsync(SeriesKey.AllUrlsOf(account, Type), period),
                await TopAsync(reader, account, TopDimension.Url, period),
                await TopAsync(reader, account, TopDimension.Referrer, period)),
            read => read.Item1.Total == sent.Count && read.Item2.Top.Sum(item => item.Total) == sent.Count && read.Item3.Top.Sum(item => item.Total) == withReferrer,
            TimeSpan.FromSeconds(30));
    }

    private static IEnumerable<string> SentReferrers(IEnumerable<CounterEvent> sent) => sent.Select(e => ReferrerSource.Of(e.Referrer)).OfType<string>();
}
