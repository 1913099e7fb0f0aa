using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// An account's time zone changed after it counted (issue 21): its past is rebuilt into the new zone, reads keep
/// the former zone and say so until it is done, and events posted meanwhile count once. After each rebuild every
/// hour (by minute), day (by hour), month (by day) and year (by month) with events, the sums and the bots, and the
/// top URLs of each day, equal what the events themselves give in the new zone. Each test has an account of its own.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TimeZoneRebuildTests(GatewayFixture gateway)
{
    private const string Kolkata = "Asia/Kolkata";
    private const string NewYork = "America/New_York";
    private static readonly string[] Urls = ["/", "/pricing", "/docs", "/blog/launch", "/signup"];

    [Fact]
    public async Task UtcToKolkataToNewYorkAndBack_EveryPeriodEqualsTheEvents_AndEventsPostedMeanwhileCountOnce()
    {
        const string account = "tz-rebuild";
        var events = Events(account, seed: 21, count: 3_000).ToList();
        await PostAsync(events);
        await WaitCountedAsync(account, events, zone: null);

        foreach (var (zone, seed) in new[] { (Kolkata, 22), (NewYork, 23), ((string?)null, 24) })
        {
            var former = (await SettingsAsync(account)).GetProperty("timeZone").GetString();
            var settings = await SetZoneAsync(account, zone);
            Assert.Equal(zone ?? "UTC", settings.GetProperty("timeZone").GetString());

            // Posted while the rebuild runs: published after the change, so counted in the new zone's hours only.
            var meanwhile = Events(account, seed, count: 300).ToList();
            await PostAsync(meanwhile);
            events.AddRange(meanwhile);

            var done = await WaitRebuiltAsync(account, zone);
            Assert.Equal(former, done.GetProperty("rebuild").GetProperty("from").GetString());
            Assert.True(done.GetProperty("rebuild").GetProperty("hoursMoved").GetInt32() > 0);
            await WaitCountedAsync(account, events, zone);
            await AssertEveryPeriodAsync(account, events, zone);
        }
    }

    [Fact]
    public async Task DuringARebuild_ReadsSayWhichZoneAnswers_AndAnotherChangeIs409SayingWhy()
    {
        const string account = "tz-rebuilding";
        // Enough hours with counts (2,000 hour groups: seconds of work) that the rebuild is still moving them when the
        // next requests arrive, a few milliseconds after the change; no more, as this gateway is shared with other tests.
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var events = Enumerable.Range(0, 1_000).Select(i => Event(account, start.AddMinutes(61 * i + 1), "/", null, null, null)).ToList();
        await PostAsync(events);
        await WaitCountedAsync(account, events, zone: null);

        var settings = await SetZoneAsync(account, Kolkata);
        Assert.True(settings.GetProperty("rebuilding").GetBoolean());
        var (_, read) = await StatsApi.GetAsync(gateway, "/api/stats/tz-rebuilding/summary?period=2023");
        Assert.Equal("UTC", read.GetProperty("timeZone").GetString());
        Assert.True(read.GetProperty("rebuilding").GetBoolean());
        // Read from the former zone's counters, which split no hour: exact.
        Assert.False(read.GetProperty("uniquesApproximate").GetBoolean());
        using var refused = await gateway.Client.Http.PutAsJsonAsync(
            $"/api/accounts/{account}/settings", new { timeZone = NewYork, allowedOrigins = new[] { "https://elsewhere.example" } });
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.Conflict, problem);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("into Asia/Kolkata", problem, StringComparison.Ordinal);
        Assert.Equal("timeZone", JsonDocument.Parse(problem).RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
        // A refused request changes nothing: not the origins sent beside the zone either.
        Assert.Empty((await SettingsAsync(account)).GetProperty("allowedOrigins").EnumerateArray());
        using var same = await gateway.Client.Http.PutAsJsonAsync($"/api/accounts/{account}/settings", new { timeZone = Kolkata });
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);

        await WaitRebuiltAsync(account, Kolkata);
        var (_, after) = await StatsApi.GetAsync(gateway, "/api/stats/tz-rebuilding/summary?period=2023");
        Assert.Equal(Kolkata, after.GetProperty("timeZone").GetString());
        Assert.False(after.GetProperty("rebuilding").GetBoolean());
        Assert.True(after.GetProperty("uniquesApproximate").GetBoolean());
        Assert.Equal(events.Count(e => Period.Year(2023, Kolkata).Contains(e.Timestamp)), after.GetProperty("counts").GetProperty("pageview").GetInt64());
    }

    [Fact]
    public async Task Uniques_MoveExactlyBetweenZonesWhoseHoursAlign_AndAreMarkedApproximateOtherwise()
    {
        const string account = "tz-uniques";
        var events = Events(account, seed: 31, count: 1_000).ToList();
        await PostAsync(events);
        await WaitCountedAsync(account, events, zone: null);

        await SetZoneAsync(account, NewYork);
        await WaitRebuiltAsync(account, NewYork);
        foreach (var day in Periods(events, NewYork, PeriodKind.Day))
        {
            var body = await TrackAsync(account, day, url: null);
            var users = events.Where(e => e.Type == "pageview" && day.Contains(e.Timestamp) && e.UserId is not null && !IsBot(e)).Select(e => e.UserId).Distinct().Count();
            Assert.True(users == body.GetProperty("uniques").GetInt64(), $"{day}: {users} users, read {body.GetProperty("uniques")}");
            Assert.False(body.GetProperty("uniquesApproximate").GetBoolean());
        }

        await SetZoneAsync(account, Kolkata);
        await WaitRebuiltAsync(account, Kolkata);
        foreach (var day in Periods(events, Kolkata, PeriodKind.Day))
        {
            var body = await TrackAsync(account, day, url: null);
            var users = events.Where(e => e.Type == "pageview" && day.Contains(e.Timestamp) && e.UserId is not null && !IsBot(e)).Select(e => e.UserId).Distinct().Count();
            // A half-hour shift splits hours: a split hour's users go with both halves, so never fewer, and flagged.
            Assert.True(body.GetProperty("uniques").GetInt64() >= users, $"{day}: {users} users, read {body.GetProperty("uniques")}");
            Assert.True(body.GetProperty("uniquesApproximate").GetBoolean());
        }
    }

    /// <summary>
    /// Seeded events around the places zones disagree: New York's spring and autumn daylight-saving days, a turn of
    /// the year, and a month's end; URLs, referrers, users, amounts and a few crawlers.
    /// </summary>
    internal static IEnumerable<CounterEvent> Events(string account, int seed, int count)
    {
        var random = new Random(seed);
        DateTime[] windows =
        [
            new(2024, 3, 9, 0, 0, 0, DateTimeKind.Utc), new(2024, 10, 30, 0, 0, 0, DateTimeKind.Utc),
            new(2024, 11, 2, 0, 0, 0, DateTimeKind.Utc), new(2024, 12, 30, 0, 0, 0, DateTimeKind.Utc),
        ];
        for (var i = 0; i < count; i++)
        {
            var at = windows[random.Next(windows.Length)].AddMinutes(random.Next(3 * 24 * 60)).AddSeconds(random.Next(60));
            var order = random.Next(10) == 0;
            yield return Event(
                account,
                at,
                Urls[random.Next(Urls.Length)],
                random.Next(3) == 0 ? null : "user-" + random.Next(80),
                order ? Math.Round(random.NextDouble() * 100, 2) : null,
                random.Next(20) == 0 ? "Googlebot/2.1 (+http://www.google.com/bot.html)" : null,
                order ? "order" : "pageview");
        }
    }

    private static CounterEvent Event(string account, DateTime at, string url, string? user, double? value, string? agent, string type = "pageview") => new()
    {
        Account = account,
        Type = type,
        Url = url,
        Timestamp = at,
        UserId = user,
        Value = value,
        UserAgent = agent,
    };

    private static bool IsBot(CounterEvent e) => e.UserAgent is not null;

    private async Task PostAsync(IReadOnlyList<CounterEvent> events)
    {
        foreach (var batch in events.Chunk(500))
        {
            await gateway.Client.PostAsync(batch);
        }
    }

    private async Task<JsonElement> SettingsAsync(string account) => (await StatsApi.GetAsync(gateway, $"/api/accounts/{account}/settings")).Body;

    private async Task<JsonElement> SetZoneAsync(string account, string? zone)
    {
        using var response = await gateway.Client.Http.PutAsJsonAsync($"/api/accounts/{account}/settings", new { timeZone = zone ?? "UTC" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> WaitRebuiltAsync(string account, string? zone)
    {
        var settings = await Eventually.ReadAsync(() => SettingsAsync(account), s => !s.GetProperty("rebuilding").GetBoolean(), TimeSpan.FromSeconds(60));
        var rebuild = settings.GetProperty("rebuild");
        Assert.Equal("done", rebuild.GetProperty("phase").GetString());
        Assert.Equal(zone ?? "UTC", rebuild.GetProperty("to").GetString());
        Assert.Equal(rebuild.GetProperty("hoursFound").GetInt32(), rebuild.GetProperty("hoursMoved").GetInt32());
        return settings;
    }

    /// <summary>Waits until every year of <paramref name="zone"/> shows its events: events posted last may still be on their way up.</summary>
    private async Task WaitCountedAsync(string account, IReadOnlyList<CounterEvent> events, string? zone)
    {
        foreach (var year in Periods(events, zone, PeriodKind.Year))
        {
            var expected = events.Count(e => e.Type == "pageview" && !IsBot(e) && year.Contains(e.Timestamp));
            await Eventually.ReadAsync(() => TrackAsync(account, year, url: null), body => body.GetProperty("total").GetInt64() == expected, TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Every period of <paramref name="zone"/> with events, each segment, both types, one URL series, sums, bots and the top URLs of each day.</summary>
    private async Task AssertEveryPeriodAsync(string account, IReadOnlyList<CounterEvent> events, string? zone)
    {
        var checkedPeriods = 0;
        foreach (var kind in new[] { PeriodKind.Year, PeriodKind.Month, PeriodKind.Day, PeriodKind.Hour })
        {
            foreach (var period in Periods(events, zone, kind))
            {
                foreach (var (type, url) in new[] { ("pageview", (string?)null), ("order", null), ("pageview", "/pricing") })
                {
                    var inPeriod = events.Where(e => e.Type == type && (url is null || e.Url == url) && period.Contains(e.Timestamp)).ToList();
                    var body = await TrackAsync(account, period, url, type);
                    Assert.Equal(zone ?? "UTC", body.GetProperty("timeZone").GetString());
                    Assert.False(body.GetProperty("rebuilding").GetBoolean());
                    var data = body.GetProperty("data");
                    for (var segment = 0; segment < period.SegmentCount; segment++)
                    {
                        var part = period.Kind == PeriodKind.Hour
                            ? (Start: period.SegmentStart(segment), End: period.SegmentStart(segment).AddMinutes(1))
                            : (period.Child(segment).Start, period.Child(segment).End);
                        var expected = inPeriod.Count(e => !IsBot(e) && e.Timestamp >= part.Start && e.Timestamp < part.End);
                        var label = period.SegmentLabel(segment).ToString(CultureInfo.InvariantCulture);
                        Assert.True(expected == data.GetProperty(label).GetInt64(), $"{zone ?? "UTC"} {period} {type} {url} segment {label}: expected {expected}, read {data.GetProperty(label)}");
                    }

                    Assert.True(inPeriod.Count(IsBot) == body.GetProperty("bots").GetInt64(), $"{period} {type} {url} bots");
                    var sum = inPeriod.Where(e => !IsBot(e)).Sum(e => (decimal)(e.Value ?? 0));
                    Assert.True(sum == body.GetProperty("sum").GetDecimal(), $"{period} {type} {url} sum: expected {sum}, read {body.GetProperty("sum")}");
                    checkedPeriods++;
                }

                if (kind == PeriodKind.Day)
                {
                    var local = period.Local;
                    var (_, top) = await StatsApi.GetAsync(gateway, $"/api/stats/{account}/top?type=pageview&period={local:yyyy-MM-dd}&limit=100");
                    var expected = events.Where(e => e.Type == "pageview" && !IsBot(e) && period.Contains(e.Timestamp))
                        .GroupBy(e => e.Url!).ToDictionary(g => g.Key, g => (long)g.Count());
                    var read = top.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("value").GetString()!, i => i.GetProperty("count").GetInt64());
                    Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), read.OrderBy(p => p.Key, StringComparer.Ordinal));
                }
            }
        }

        Assert.True(checkedPeriods > 100, $"{checkedPeriods} periods checked");
    }

    private static IEnumerable<Period> Periods(IEnumerable<CounterEvent> events, string? zone, PeriodKind kind) =>
        events.Select(e => Period.Containing(kind, e.Timestamp, zone)).Distinct().OrderBy(p => p.Start);

    private async Task<JsonElement> TrackAsync(string account, Period period, string? url, string type = "pageview")
    {
        var series = url is null ? SeriesKey.AllUrlsOf(account, type) : new SeriesKey(account, type, url);
        return (await StatsApi.GetAsync(gateway, StatsClient.TrackPath(series, period))).Body;
    }
}
