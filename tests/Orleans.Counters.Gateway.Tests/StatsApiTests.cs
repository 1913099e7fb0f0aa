using System.Globalization;

namespace Orleans.Counters.Gateway.Tests;

/// <summary><c>GET /api/stats/track/…</c>: a period's segments, as read over HTTP.</summary>
[Collection(GatewayCollection.Name)]
public sealed class StatsTrackTests(GatewayFixture gateway)
{
    private const string Type = "pageview";

    /// <summary>Path after the type, the period it names, and the first and last segment labels.</summary>
    public static TheoryData<string, string, int, int> Periods => new()
    {
        { "2025", "2025", 1, 12 },
        { "2024", "2024", 1, 12 },
        { "2024/2", "2024-02", 1, 29 },
        { "2025/2", "2025-02", 1, 28 },
        { "2025/3/10", "2025-03-10", 0, 23 },
        { "2025/3/10/4", "2025-03-10T04", 0, 59 },
        { "2025/02/05", "2025-02-05", 0, 23 },
        { "2025/03/10/04", "2025-03-10T04", 0, 59 },
        { "2025/02/28/00", "2025-02-28T00", 0, 59 },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task TrackAnswersEverySegmentInOrderWithZerosAndItsTotal(string path, string period, int firstLabel, int lastLabel)
    {
        var account = $"stats-track-{path.Replace('/', '-')}";
        var truth = await StatsApi.PostAndWaitAsync(gateway, SampleEvents(account));

        var (status, body) = await StatsApi.GetAsync(gateway, $"/api/stats/track/{account}/{Type}/{path}");

        Assert.Equal(HttpStatusCode.OK, status);
        AssertTrack(body, SeriesKey.AllUrlsOf(account, Type), Period.Parse(period), firstLabel, lastLabel, truth);
    }

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task TrackWithUrlCountsOnlyThatUrlAndEchoesIt(string path, string period, int firstLabel, int lastLabel)
    {
        var account = $"stats-track-url-{path.Replace('/', '-')}";
        var truth = await StatsApi.PostAndWaitAsync(gateway, SampleEvents(account));

        var (status, body) = await StatsApi.GetAsync(gateway, $"/api/stats/track/{account}/{Type}/{path}?url=/a");

        Assert.Equal(HttpStatusCode.OK, status);
        AssertTrack(body, new SeriesKey(account, Type, "/a"), Period.Parse(period), firstLabel, lastLabel, truth);
    }

    [Fact]
    public async Task TrackCountsAreNotAllZeroForTheSampleEvents()
    {
        // Guards the shape tests against passing on an empty series.
        var account = "stats-track-nonzero";
        await StatsApi.PostAndWaitAsync(gateway, SampleEvents(account));

        var (_, year) = await StatsApi.GetAsync(gateway, $"/api/stats/track/{account}/{Type}/2025");
        var (_, hour) = await StatsApi.GetAsync(gateway, $"/api/stats/track/{account}/{Type}/2025/03/10/04");

        Assert.Equal(7, year.GetProperty("total").GetInt64());
        Assert.Equal(new long[] { 0, 2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, Values(year));
        Assert.Equal(2, hour.GetProperty("data").GetProperty("5").GetInt64());
        Assert.Equal(1, hour.GetProperty("data").GetProperty("59").GetInt64());
        Assert.Equal(3, hour.GetProperty("total").GetInt64());
    }

    public static TheoryData<string, string, int, int> EmptyPeriods => new()
    {
        { "2030", "2030", 1, 12 },
        { "2030/6", "2030-06", 1, 30 },
        { "2019/1/1", "2019-01-01", 0, 23 },
        { "2019/01/01/00", "2019-01-01T00", 0, 59 },
    };

    [Theory]
    [MemberData(nameof(EmptyPeriods))]
    public async Task TrackOfAPeriodWithNoEventsIs200WithZeros(string path, string period, int firstLabel, int lastLabel)
    {
        var (status, body) = await StatsApi.GetAsync(gateway, $"/api/stats/track/stats-track-never/{Type}/{path}");

        Assert.Equal(HttpStatusCode.OK, status);
        AssertTrack(body, SeriesKey.AllUrlsOf("stats-track-never", Type), Period.Parse(period), firstLabel, lastLabel, new GroundTruth());
        Assert.Equal(0, body.GetProperty("total").GetInt64());
    }

    public static TheoryData<string, string> BadPaths => new()
    {
        { "/api/stats/track/stats-bad/pageview/2025/13", "month" },
        { "/api/stats/track/stats-bad/pageview/2025/0", "month" },
        { "/api/stats/track/stats-bad/pageview/2025/x", "month" },
        { "/api/stats/track/stats-bad/pageview/2025/2/30", "day" },
        { "/api/stats/track/stats-bad/pageview/2025/2/29", "day" },
        { "/api/stats/track/stats-bad/pageview/2025/1/32", "day" },
        { "/api/stats/track/stats-bad/pageview/2025/1/0", "day" },
        { "/api/stats/track/stats-bad/pageview/2025/1/1/24", "hour" },
        { "/api/stats/track/stats-bad/pageview/2025/1/1/-1", "hour" },
        { "/api/stats/track/stats-bad/pageview/abc", "year" },
        { "/api/stats/track/stats-bad/pageview/1969", "year" },
        { "/api/stats/track/stats-bad/pageview/9999", "year" },
        { "/api/stats/track/bad%20name/pageview/2025", "account" },
        { "/api/stats/track/a!b/pageview/2025", "account" },
        { $"/api/stats/track/{new string('a', 65)}/pageview/2025", "account" },
        { "/api/stats/track/stats-bad/page$view/2025", "type" },
        { "/api/stats/track/stats-bad/page%20view/2025", "type" },
        { "/api/stats/track/stats-bad/pageview/2025?url=relative", "url" },
        { "/api/stats/track/all/pageview/2025?url=/x", "url" },
    };

    [Theory]
    [MemberData(nameof(BadPaths))]
    public async Task TrackWithABadPartIs400NamingIt(string path, string field)
    {
        using var response = await gateway.Client.Http.GetAsync(path);

        await StatsApi.AssertProblemNamingAsync(response, field);
    }

    /// <summary>Events of one account over 2024–2025; the track tests read <c>pageview</c>.</summary>
    private static List<CounterEvent> SampleEvents(string account) =>
    [
        Event(account, Type, "/a", "2024-02-29T12:00:00Z"),
        Event(account, Type, "/b", "2024-02-01T00:00:00Z"),
        Event(account, Type, null, "2024-12-31T23:59:59.9999999Z"),
        Event(account, Type, "/a", "2025-02-05T07:30:00Z"),
        Event(account, Type, "/b", "2025-02-28T00:30:59Z"),
        Event(account, Type, "/a", "2025-03-10T00:00:00Z"),
        Event(account, Type, "/a", "2025-03-10T04:05:06Z"),
        Event(account, Type, "/b", "2025-03-10T04:05:59Z"),
        Event(account, Type, null, "2025-03-10T04:59:59.9999999Z"),
        Event(account, Type, "/a", "2025-12-31T23:59:59Z"),
        Event(account, "order", "/a", "2025-03-10T04:05:30Z"),
        Event(account, "order", "/a", "2024-02-29T12:00:00Z"),
    ];

    private static CounterEvent Event(string account, string type, string? url, string timestamp) => new()
    {
        Account = account,
        Type = type,
        Url = url,
        Timestamp = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).UtcDateTime,
    };

    private static long[] Values(JsonElement track) =>
        track.GetProperty("data").EnumerateObject().Select(p => p.Value.GetInt64()).ToArray();

    private static void AssertTrack(JsonElement body, SeriesKey series, Period period, int firstLabel, int lastLabel, GroundTruth truth)
    {
        var data = body.GetProperty("data").EnumerateObject().ToList();
        var labels = Enumerable.Range(firstLabel, lastLabel - firstLabel + 1).Select(l => l.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(labels, data.Select(p => p.Name));
        Assert.Equal(period.SegmentCount, data.Count);

        var expected = truth.Expected(series, period);
        Assert.Equal(expected, data.Select(p => p.Value.GetInt64()));
        Assert.Equal(expected.Sum(), body.GetProperty("total").GetInt64());
        Assert.Equal(data.Sum(p => p.Value.GetInt64()), body.GetProperty("total").GetInt64());

        Assert.Equal(series.Account, body.GetProperty("account").GetString());
        Assert.Equal(series.Type, body.GetProperty("event").GetString());
        Assert.Equal(series.Url, body.GetProperty("url").GetString());
        Assert.Equal(period.Start.Year, body.GetProperty("year").GetInt32());
        AssertPart(body, "month", period.Kind <= PeriodKind.Month ? period.Start.Month : null);
        AssertPart(body, "day", period.Kind <= PeriodKind.Day ? period.Start.Day : null);
        AssertPart(body, "hour", period.Kind == PeriodKind.Hour ? period.Start.Hour : null);
    }

    private static void AssertPart(JsonElement body, string name, int? expected)
    {
        var part = body.GetProperty(name);
        if (expected is null)
        {
            Assert.Equal(JsonValueKind.Null, part.ValueKind);
        }
        else
        {
            Assert.Equal(expected.Value, part.GetInt32());
        }
    }
}

/// <summary><c>GET /api/stats/{account}/realtime</c>: the current minute, hour and day, and the last 60 minutes.</summary>
[Collection(GatewayCollection.Name)]
public sealed class StatsRealtimeTests(GatewayFixture gateway)
{
    [Fact]
    public async Task RealtimeCountsEventsWithoutTimestampInTheCurrentMinuteHourAndDay()
    {
        const string account = "stats-rt-now";
        const string type = "ping";
        var minute = await PostNowAsync(account, type, [null, null, null]);

        var realtime = await Eventually.ReadAsync(
            () => ReadAsync($"/api/stats/{account}/realtime?type={type}"),
            r => r.LastHour.Sum(m => m.Count) == 3 && r.Hour == ExpectedIn(PeriodKind.Hour, r.Now, minute, 3) && r.Day == ExpectedIn(PeriodKind.Day, r.Now, minute, 3));

        Assert.Equal(3, realtime.LastHour.Sum(m => m.Count));
        Assert.Equal(3, Assert.Single(realtime.LastHour, m => m.Count != 0).Count);
        Assert.Contains(realtime.LastHour.TakeLast(2), m => m.Minute == minute && m.Count == 3);
        Assert.Equal(FloorToMinute(realtime.Now) == minute ? 3 : 0, realtime.Minute);
        Assert.Equal(realtime.LastHour[^1].Count, realtime.Minute);
        Assert.Equal(ExpectedIn(PeriodKind.Hour, realtime.Now, minute, 3), realtime.Hour);
        Assert.Equal(ExpectedIn(PeriodKind.Day, realtime.Now, minute, 3), realtime.Day);
        Assert.Equal(account, realtime.Account);
        Assert.Equal(type, realtime.Event);
        Assert.Equal(SeriesKey.AllUrls, realtime.Url);
    }

    [Fact]
    public async Task RealtimeHourIsTheSumOfThisHoursMinutesOfTheLastHour()
    {
        const string account = "stats-rt-sum";
        const string type = "ping";
        await PostNowAsync(account, type, [null, "/x", null, "/y"]);

        var realtime = await Eventually.ReadAsync(
            () => ReadAsync($"/api/stats/{account}/realtime?type={type}"),
            r => r.LastHour.Sum(m => m.Count) == 4 && r.Day >= r.Hour);

        var thisHour = Period.Containing(PeriodKind.Hour, realtime.Now);
        Assert.Equal(realtime.LastHour.Where(m => thisHour.Contains(m.Minute)).Sum(m => m.Count), realtime.Hour);
        Assert.True(realtime.Day >= realtime.Hour, $"day {realtime.Day} < hour {realtime.Hour}");
    }

    [Fact]
    public async Task RealtimeLastHourHasSixtyMinutesOldestFirstEndingWithTheCurrentMinute()
    {
        var before = FloorToMinute(DateTime.UtcNow);

        var realtime = await ReadAsync("/api/stats/stats-rt-quiet/realtime?type=ping");

        var after = FloorToMinute(DateTime.UtcNow);
        Assert.Equal(60, realtime.LastHour.Count);
        Assert.All(realtime.LastHour.Zip(realtime.LastHour.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(1), pair.Second.Minute - pair.First.Minute));
        Assert.All(realtime.LastHour, m => Assert.Equal(FloorToMinute(m.Minute), m.Minute));
        Assert.Equal(FloorToMinute(realtime.Now), realtime.LastHour[^1].Minute);
        Assert.InRange(realtime.LastHour[^1].Minute, before, after);
        Assert.All(realtime.LastHour, m => Assert.Equal(0, m.Count));
        Assert.Equal(0, realtime.Minute);
        Assert.Equal(0, realtime.Hour);
        Assert.Equal(0, realtime.Day);
    }

    [Fact]
    public async Task RealtimeWithUrlCountsOnlyThatUrlAndEchoesIt()
    {
        const string account = "stats-rt-url";
        const string type = "visit";
        await PostNowAsync(account, type, ["/p", "/q", "/p", null, "https://example.com/p?x=1"]);

        var all = await Eventually.ReadAsync(() => ReadAsync($"/api/stats/{account}/realtime?type={type}"), r => r.LastHour.Sum(m => m.Count) == 5);
        var p = await Eventually.ReadAsync(() => ReadAsync($"/api/stats/{account}/realtime?type={type}&url=/p"), r => r.LastHour.Sum(m => m.Count) == 3);
        var q = await Eventually.ReadAsync(() => ReadAsync($"/api/stats/{account}/realtime?type={type}&url=/q"), r => r.LastHour.Sum(m => m.Count) == 1);

        Assert.Equal(5, all.LastHour.Sum(m => m.Count));
        Assert.Equal(3, p.LastHour.Sum(m => m.Count));
        Assert.Equal(1, q.LastHour.Sum(m => m.Count));
        Assert.Equal(SeriesKey.AllUrls, all.Url);
        Assert.Equal("/p", p.Url);
        Assert.Equal("/q", q.Url);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "/api/stats/stats-rt-bad/realtime", "type" },
        { "/api/stats/stats-rt-bad/realtime?type=", "type" },
        { "/api/stats/stats-rt-bad/realtime?type=a$b", "type" },
        { "/api/stats/a!b/realtime?type=ping", "account" },
        { "/api/stats/stats-rt-bad/realtime?type=ping&url=relative", "url" },
        { "/api/stats/all/realtime?type=ping&url=/x", "url" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task RealtimeWithABadParameterIs400NamingIt(string path, string field)
    {
        using var response = await gateway.Client.Http.GetAsync(path);

        await StatsApi.AssertProblemNamingAsync(response, field);
    }

    /// <summary>The instant's minute holds <paramref name="count"/> in the period of this kind containing now, or 0 once that period has passed.</summary>
    private static long ExpectedIn(PeriodKind kind, DateTime now, DateTime minute, long count) =>
        Period.Containing(kind, now).Contains(minute) ? count : 0;

    private static DateTime FloorToMinute(DateTime instant) =>
        new(instant.Ticks - instant.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    /// <summary>
    /// Posts one event per url, without timestamps, clear of a minute's edge so they all fall in
    /// one minute; returns that minute.
    /// </summary>
    private async Task<DateTime> PostNowAsync(string account, string type, string?[] urls)
    {
        if (DateTime.UtcNow.Second >= 55)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
        }

        var before = FloorToMinute(DateTime.UtcNow);
        var body = JsonSerializer.Serialize(urls.Select(url => url is null ? (object)new { account, type } : new { account, type, url }));
        using var response = await gateway.Client.Http.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));
        var after = FloorToMinute(DateTime.UtcNow);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(before, after);
        return before;
    }

    private async Task<Realtime> ReadAsync(string path)
    {
        var (status, body) = await StatsApi.GetAsync(gateway, path);
        Assert.Equal(HttpStatusCode.OK, status);
        var lastHour = body.GetProperty("lastHour").EnumerateArray()
            .Select(m => new RealtimeMinute(m.GetProperty("minute").GetDateTimeOffset().UtcDateTime, m.GetProperty("count").GetInt64()))
            .ToList();
        return new Realtime(
            body.GetProperty("account").GetString()!,
            body.GetProperty("event").GetString()!,
            body.GetProperty("url").GetString()!,
            body.GetProperty("now").GetDateTimeOffset().UtcDateTime,
            body.GetProperty("minute").GetInt64(),
            body.GetProperty("hour").GetInt64(),
            body.GetProperty("day").GetInt64(),
            lastHour);
    }

    private sealed record RealtimeMinute(DateTime Minute, long Count);

    private sealed record Realtime(string Account, string Event, string Url, DateTime Now, long Minute, long Hour, long Day, IReadOnlyList<RealtimeMinute> LastHour);
}

/// <summary><c>GET /api/stats/{account}/summary</c>: counts by type over [from, to), at minute precision.</summary>
[Collection(GatewayCollection.Name)]
public sealed class StatsSummaryTests(GatewayFixture gateway)
{
    private const string Account = "stats-summary";

    private static readonly SemaphoreSlim SeedGate = new(1, 1);

    private static IReadOnlyList<CounterEvent>? _seeded;

    /// <summary>Ranges as sent; the expected counts are worked out from the events.</summary>
    public static TheoryData<string, string> Ranges
    {
        get
        {
            var ranges = new TheoryData<string, string>
            {
                // Whole years, and everything.
                { "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z" },
                { "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z" },
                { "2024-01-01", "2026-01-01" },
                { "2023-01-01T00:00:00Z", "2024-01-01T00:00:00Z" },

                // 29 February 2024, whole and crossed with ragged minutes.
                { "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z" },
                { "2024-02-28T23:17:00Z", "2024-03-01T00:43:00Z" },
                { "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z" },

                // The new year, crossed with ragged minutes, narrowly and widely.
                { "2024-12-31T23:30:00Z", "2025-01-01T00:30:00Z" },
                { "2024-06-30T23:07:00Z", "2025-03-01T00:11:00Z" },
                { "2024-02-28T23:59:00Z", "2025-12-31T23:01:00Z" },

                // The first and last instants of hours.
                { "2024-01-31T23:00:00Z", "2024-02-01T00:00:00Z" },
                { "2024-01-31T23:59:00Z", "2024-02-01T00:01:00Z" },
                { "2025-12-31T23:59:00Z", "2026-01-01T00:00:00Z" },
                { "2024-01-01T00:00:00Z", "2024-01-01T00:01:00Z" },

                // Ragged minutes inside one hour and one day.
                { "2025-02-28T23:13:00Z", "2025-02-28T23:47:00Z" },
                { "2024-02-29T00:05:00Z", "2024-02-29T23:55:00Z" },

                // Seconds and fractions, rounded down to the minute; an offset; no offset (UTC).
                { "2024-02-29T00:15:42.123Z", "2025-01-01T00:00:30.5Z" },
                { "2024-12-31T23:59:59Z", "2025-01-01T00:00:59.9999999Z" },
                { "2025-03-01T01:30:15+01:00", "2025-11-30T23:45:45-00:30" },
                { "2024-06-30T23:07:30", "2024-12-31T23:58:01" },
            };

            // And ragged ranges anywhere in the two years.
            var random = new Random(20261123);
            var origin = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var minutes = (int)(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) - origin).TotalMinutes;
            for (var i = 0; i < 12; i++)
            {
                var a = origin.AddMinutes(random.Next(minutes)).AddSeconds(random.Next(60));
                var b = i % 3 == 0 ? a.AddMinutes(1 + random.Next(600)) : origin.AddMinutes(random.Next(minutes));
                if (FloorToMinute(a) == FloorToMinute(b))
                {
                    b = b.AddMinutes(1);
                }

                var (from, to) = a < b ? (a, b) : (b, a);
                ranges.Add(from.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }

            return ranges;
        }
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task SummaryCountsEveryTypeOverTheRangeExactly(string from, string to)
    {
        var events = await SeedAsync();

        var (status, body) = await StatsApi.GetAsync(gateway, SummaryPath(Account, from, to));

        Assert.Equal(HttpStatusCode.OK, status);
        var expected = new SortedDictionary<string, long>(
            events.Select(e => e.Type).Distinct().ToDictionary(type => type, type => Expected(events, type, from, to)), StringComparer.Ordinal);
        Assert.Equal(expected, Counts(body));
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task SummaryOfOneTypeCountsOnlyThatTypeOverTheRange(string from, string to)
    {
        var events = await SeedAsync();

        foreach (var type in EventGenerator.Types)
        {
            var (status, body) = await StatsApi.GetAsync(gateway, SummaryPath(Account, from, to) + $"&type={type}");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(new SortedDictionary<string, long>(StringComparer.Ordinal) { [type] = Expected(events, type, from, to) }, Counts(body));
        }
    }

    [Fact]
    public async Task SummaryOfATypeTheAccountNeverSentIsZero()
    {
        await SeedAsync();

        var (status, body) = await StatsApi.GetAsync(gateway, SummaryPath(Account, "2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z") + "&type=never-sent");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new SortedDictionary<string, long>(StringComparer.Ordinal) { ["never-sent"] = 0 }, Counts(body));
    }

    [Fact]
    public async Task SummaryOfAnAccountWithNoEventsHasNoTypes()
    {
        var (status, body) = await StatsApi.GetAsync(gateway, SummaryPath("stats-summary-never", "2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(Counts(body));
        Assert.Equal("stats-summary-never", body.GetProperty("account").GetString());
    }

    public static TheoryData<string, string, string, string> Echoes => new()
    {
        { "2024-02-29T00:15:42.123Z", "2025-01-01T00:00:30.5Z", "2024-02-29T00:15:00Z", "2025-01-01T00:00:00Z" },
        { "2024-12-31T23:59:59.9999999Z", "2025-01-01T00:01:00Z", "2024-12-31T23:59:00Z", "2025-01-01T00:01:00Z" },
        { "2025-03-01T01:30:15+01:00", "2025-03-01T02:00:59-00:30", "2025-03-01T00:30:00Z", "2025-03-01T02:30:00Z" },
        { "2025-03-01T01:30:15", "2025-03-02", "2025-03-01T01:30:00Z", "2025-03-02T00:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task SummaryEchoesFromAndToRoundedDownToTheMinuteInUtc(string from, string to, string expectedFrom, string expectedTo)
    {
        var (status, body) = await StatsApi.GetAsync(gateway, SummaryPath("stats-summary-echo", from, to));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("stats-summary-echo", body.GetProperty("account").GetString());
        Assert.Equal(DateTimeOffset.Parse(expectedFrom, CultureInfo.InvariantCulture), body.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse(expectedTo, CultureInfo.InvariantCulture), body.GetProperty("to").GetDateTimeOffset());
        Assert.EndsWith("Z", body.GetProperty("from").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", body.GetProperty("to").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "/api/stats/stats-summary-bad/summary?to=2025-01-01T00:00:00Z", "from" },
        { "/api/stats/stats-summary-bad/summary?from=&to=2025-01-01T00:00:00Z", "from" },
        { "/api/stats/stats-summary-bad/summary?from=yesterday&to=2025-01-01T00:00:00Z", "from" },
        { "/api/stats/stats-summary-bad/summary?from=1969-12-31T00:00:00Z&to=2025-01-01T00:00:00Z", "from" },
        { "/api/stats/stats-summary-bad/summary?from=2025-01-01T00:00:00Z", "to" },
        { "/api/stats/stats-summary-bad/summary?from=2025-01-01T00:00:00Z&to=tomorrow", "to" },
        { "/api/stats/stats-summary-bad/summary?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z", "to" },
        { "/api/stats/stats-summary-bad/summary?from=2025-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "to" },
        { "/api/stats/stats-summary-bad/summary?from=2025-01-01T10:00:10Z&to=2025-01-01T10:00:50Z", "to" },
        { "/api/stats/stats-summary-bad/summary?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z&type=a$b", "type" },
        { "/api/stats/a!b/summary?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z", "account" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task SummaryWithABadParameterIs400NamingIt(string path, string field)
    {
        using var response = await gateway.Client.Http.GetAsync(path);

        await StatsApi.AssertProblemNamingAsync(response, field);
    }

    private static string SummaryPath(string account, string from, string to) =>
        $"/api/stats/{account}/summary?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}";

    private static SortedDictionary<string, long> Counts(JsonElement body) =>
        new(body.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()), StringComparer.Ordinal);

    /// <summary>Counts the type's events in [from, to) with both ends rounded down to the minute.</summary>
    private static long Expected(IEnumerable<CounterEvent> events, string type, string from, string to)
    {
        var start = FloorToMinute(Instant(from));
        var end = FloorToMinute(Instant(to));
        return events.Count(e => e.Type == type && e.Timestamp >= start && e.Timestamp < end);
    }

    private static DateTime Instant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;

    private static DateTime FloorToMinute(DateTime instant) =>
        new(instant.Ticks - instant.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    /// <summary>Posts the seeded events once per run and waits until the account's year totals and types show them all.</summary>
    private async Task<IReadOnlyList<CounterEvent>> SeedAsync()
    {
        await SeedGate.WaitAsync();
        try
        {
            if (_seeded is null)
            {
                var events = new EventGenerator(seed: 2026).Generate(1_500, hours: 80).Select(e => e with { Account = Account }).ToList();
                await StatsApi.PostAndWaitAsync(gateway, events);
                var types = events.Select(e => e.Type).Distinct().Order(StringComparer.Ordinal).ToList();
                var listed = await Eventually.ReadAsync(
                    async () => Counts((await StatsApi.GetAsync(gateway, SummaryPath(Account, "2024-01-01", "2026-01-01"))).Body).Keys.ToList(),
                    keys => keys.SequenceEqual(types),
                    TimeSpan.FromSeconds(30));
                Assert.Equal(types, listed);
                _seeded = events;
            }

            return _seeded;
        }
        finally
        {
            SeedGate.Release();
        }
    }
}

/// <summary>Helpers the stats API tests share.</summary>
internal static class StatsApi
{
    /// <summary>GETs a path and reads its JSON body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(GatewayFixture gateway, string path)
    {
        using var response = await gateway.Client.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>Asserts a 400 problem document whose <c>errors</c> name the field.</summary>
    public static async Task AssertProblemNamingAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains(field, fields);
    }

    /// <summary>Posts events in batches and waits until every year total of their accounts shows them; returns their ground truth.</summary>
    public static async Task<GroundTruth> PostAndWaitAsync(GatewayFixture gateway, IReadOnlyCollection<CounterEvent> events)
    {
        var truth = new GroundTruth();
        truth.Add(events);
        foreach (var batch in events.Chunk(500))
        {
            await gateway.Client.PostAsync(batch);
        }

        var accounts = events.Select(e => e.Account).ToHashSet();
        foreach (var (series, period) in truth.Years.Where(key => accounts.Contains(key.Series.Account)).ToList())
        {
            var expected = truth.Expected(series, period).Sum();
            var counts = await Eventually.ReadAsync(() => gateway.Client.TrackAsync(series, period), c => c.Total == expected, TimeSpan.FromSeconds(30));
            Assert.True(counts.Total == expected, $"{series} {period}: expected {expected}, still {counts.Total}");
        }

        return truth;
    }
}
