using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// Uniques, sums, bots and referrers, compared in every period with what the posted events hold:
/// each test has accounts of its own, since all share one gateway.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AnalyticsApiTests(GatewayFixture gateway)
{
    private const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static readonly DateTime FirstHour = new(2025, 3, 31, 21, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task UniquesSumsAndBots_MatchTheEvents_InEveryHourDayMonthAndYear()
    {
        const string account = "analytics-every-period";
        var events = MixedEvents(account, seed: 5, count: 2_000);
        await PostAllAsync(events, account);

        var periods = events.SelectMany(e => new[] { PeriodKind.Hour, PeriodKind.Day, PeriodKind.Month, PeriodKind.Year }
            .Select(kind => Period.Containing(kind, e.Timestamp))).Distinct().ToList();
        Assert.True(periods.Count > 30, "the events must span many hours, three days, two months");
        foreach (var url in new string?[] { null, "/checkout", "/page/3" })
        {
            foreach (var period in periods)
            {
                var inPeriod = events.Where(e => period.Contains(e.Timestamp) && (url is null || e.Url == url)).ToList();
                var humans = inPeriod.Where(e => e.UserAgent != Googlebot).ToList();
                // The URL's series live in other shards than "*", whose year the posting waited for: they report on their own ticks.
                var body = await Eventually.ReadAsync(() => TrackAsync(account, "order", period, url), b => b.GetProperty("total").GetInt64() == humans.Count);
                var what = $"{url ?? "*"} {period}";
                Assert.True(humans.Count == body.GetProperty("total").GetInt64(), $"{what}: count");
                Assert.True(inPeriod.Count - humans.Count == body.GetProperty("bots").GetInt64(), $"{what}: bots");
                Assert.True(humans.Sum(e => (decimal)e.Value!.Value) == body.GetProperty("sum").GetDecimal(), $"{what}: sum");
                Assert.True(humans.Where(e => e.UserId is not null).Select(e => e.UserId).Distinct().Count() == body.GetProperty("uniques").GetInt64(), $"{what}: uniques");
            }
        }
    }

    [Fact]
    public async Task TheSummary_GivesUniquesSumsAndBotsByType()
    {
        const string account = "analytics-summary";
        var events = MixedEvents(account, seed: 6, count: 600);
        await PostAllAsync(events, account);

        // From and to on whole hours, so the users of the range are exactly those of its hours.
        var from = FirstHour.AddHours(3);
        var to = FirstHour.AddHours(30);
        var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/{account}/summary?from={from:yyyy-MM-ddTHH:mm:ssZ}&to={to:yyyy-MM-ddTHH:mm:ssZ}");

        var inRange = events.Where(e => e.Timestamp >= from && e.Timestamp < to).ToList();
        var humans = inRange.Where(e => e.UserAgent != Googlebot).ToList();
        Assert.Equal(humans.Count, body.GetProperty("counts").GetProperty("order").GetInt64());
        Assert.Equal(inRange.Count - humans.Count, body.GetProperty("bots").GetProperty("order").GetInt64());
        Assert.Equal(humans.Sum(e => (decimal)e.Value!.Value), body.GetProperty("sums").GetProperty("order").GetDecimal());
        Assert.Equal(humans.Where(e => e.UserId is not null).Select(e => e.UserId).Distinct().Count(), body.GetProperty("uniques").GetProperty("order").GetInt64());
    }

    [Fact]
    public async Task TheTopReferrers_AreTheirSitesLargestFirst_WithoutTheBots()
    {
        const string account = "analytics-referrers";
        var random = new Random(7);
        string[] referrers = ["https://www.google.com/search?q=a", "https://google.com/", "https://news.ycombinator.com/item?id=1", "https://t.co/x", "android-app://com.slack", "newsletter"];
        var events = Enumerable.Range(0, 500).Select(i => new CounterEvent
        {
            Account = account,
            Type = "pageview",
            Url = "/",
            Timestamp = new DateTime(2025, 5, 5, 10, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(600)),
            UserAgent = i % 10 == 0 ? Googlebot : Browser,
            Properties = random.Next(8) == 0 ? null : ImmutableDictionary<string, string>.Empty.Add("referrer", referrers[Math.Min(random.Next(6), random.Next(6))]),
        }).ToList();
        await PostAllAsync(events, account, "pageview");

        var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/{account}/top?type=pageview&by=referrer&period=2025-05-05&limit=3");

        var expected = events.Where(e => e.UserAgent == Browser && e.Properties is not null)
            .CountBy(e => ReferrerSource.Of(e.Properties!["referrer"])!)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        Assert.Equal("referrer", body.GetProperty("by").GetString());
        Assert.Equal(expected.Count, body.GetProperty("distinct").GetInt32());
        Assert.Contains(expected, p => p.Key == "google.com");
        Assert.DoesNotContain(expected, p => p.Key.StartsWith("www.", StringComparison.Ordinal));
        Assert.Equal(
            expected.Take(3).Select(p => (p.Key, (long)p.Value)),
            body.GetProperty("items").EnumerateArray().Select(item => (item.GetProperty("value").GetString()!, item.GetProperty("count").GetInt64())));
    }

    [Fact]
    public async Task ABrowsersRequest_GivesItsUserAgentToEventsWithout_AServersDoesNot()
    {
        const string account = "analytics-header";
        var at = new DateTime(2025, 4, 4, 4, 4, 0, DateTimeKind.Utc);
        // A page's request carries an Origin header; a server's or curl's does not.
        await PostWithHeadersAsync(new[] { new { account, type = "pageview", url = "/", timestamp = at } }, origin: "https://shop.example");
        await PostWithHeadersAsync(new[] { new { account, type = "pageview", url = "/", timestamp = at } }, origin: null);
        await PostWithHeadersAsync(new { account, type = "pageview", url = "/", timestamp = at, userAgent = Browser }, origin: "https://shop.example");

        var day = Period.Day(2025, 4, 4);
        var body = await Eventually.ReadAsync(() => TrackAsync(account, "pageview", day, null), b => b.GetProperty("total").GetInt64() + b.GetProperty("bots").GetInt64() == 3);
        Assert.Equal((2L, 1L), (body.GetProperty("total").GetInt64(), body.GetProperty("bots").GetInt64()));

        async Task PostWithHeadersAsync(object events, string? origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create(events) };
            request.Headers.TryAddWithoutValidation("User-Agent", Googlebot);
            if (origin is not null)
            {
                request.Headers.TryAddWithoutValidation("Origin", origin);
            }

            using var response = await gateway.Client.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("value", 1e13)]
    [InlineData("value", -1e13)]
    public async Task AValueOutOfRange_Is400NamingIt(string field, double value)
    {
        using var response = await gateway.Client.Http.PostAsJsonAsync("/api/events", new { account = "analytics-bad", type = "order", value });

        await StatsApi.AssertProblemNamingAsync(response, field);
    }

    [Fact]
    public async Task ATooLongUserAgent_Is400NamingIt()
    {
        using var response = await gateway.Client.Http.PostAsJsonAsync("/api/events", new[] { new { account = "analytics-bad", type = "order", userAgent = new string('a', EventLimits.MaxUserAgentLength + 1) } });

        await StatsApi.AssertProblemNamingAsync(response, "userAgent");
    }

    /// <summary>Orders over three days and a month's end: values with cents, 300 users and some anonymous, one in ten from a crawler.</summary>
    private static List<CounterEvent> MixedEvents(string account, int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => new CounterEvent
        {
            Account = account,
            Type = "order",
            Url = random.Next(3) switch { 0 => "/checkout", 1 => "/page/" + random.Next(6).ToString(CultureInfo.InvariantCulture), _ => null },
            Timestamp = FirstHour.AddMinutes(random.Next(3 * 24 * 60)),
            UserId = random.Next(10) == 0 ? null : "user-" + random.Next(300).ToString(CultureInfo.InvariantCulture),
            UserAgent = random.Next(10) == 0 ? Googlebot : Browser,
            Value = random.Next(1, 100_000) / 100.0,
        })];
    }

    private async Task PostAllAsync(IReadOnlyList<CounterEvent> events, string account, string type = "order")
    {
        foreach (var batch in events.Chunk(500))
        {
            await gateway.Client.PostAsync(batch);
        }

        var year = Period.Year(events[0].Timestamp.Year);
        await Eventually.ReadAsync(
            async () => await TrackAsync(account, type, year, null),
            body => body.GetProperty("total").GetInt64() + body.GetProperty("bots").GetInt64() == events.Count,
            TimeSpan.FromSeconds(30));
    }

    private async Task<JsonElement> TrackAsync(string account, string type, Period period, string? url)
    {
        var path = StatsClient.TrackPath(new SeriesKey(account, type, url ?? SeriesKey.AllUrls), period);
        var (_, body) = await StatsApi.GetAsync(gateway, path);
        return body;
    }
}
