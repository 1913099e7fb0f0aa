using System.Globalization;

namespace Orleans.Counters.Gateway.Tests;

/// <summary><c>GET /api/stats/{account}/top</c>: the URLs with the most events, compared with counts made from the events themselves.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TopApiTests(GatewayFixture gateway)
{
    private const string Type = "pageview";
    private static readonly DateTime FirstDay = new(2025, 6, 29, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, int> Queries => new()
    {
        { "2025-06-29", 5 },
        { "2025-06-30", 1000 },
        { "2025-07-01", 3 },
        { "2025-06", 10 },
        { "2025-07", 1000 },
        { "2025", 7 },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task TheTopUrlsAreTheLargestCountsOfThePeriodLargestFirstTiesInUrlOrder(string period, int limit)
    {
        var account = $"top-{period}-{limit}";
        var events = SkewedEvents(account, seed: period.Length * 1000 + limit);
        await StatsApi.PostAndWaitAsync(gateway, events);

        var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/{account}/top?type={Type}&period={period}&limit={limit}");

        var counted = Period.Parse(period);
        var inPeriod = events.Where(e => e.Type == Type && counted.Contains(e.Timestamp)).ToList();
        var expected = inPeriod.Where(e => e.Url is not null)
            .CountBy(e => e.Url!)
            .OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(account, body.GetProperty("account").GetString());
        Assert.Equal(Type, body.GetProperty("event").GetString());
        Assert.Equal("url", body.GetProperty("by").GetString());
        Assert.Equal(period, body.GetProperty("period").GetString());
        Assert.Equal(inPeriod.Count, body.GetProperty("total").GetInt64());
        Assert.Equal(expected.Count, body.GetProperty("distinct").GetInt32());
        Assert.Equal(
            expected.Take(limit).Select(pair => (pair.Key, (long)pair.Value)),
            body.GetProperty("items").EnumerateArray().Select(item => (item.GetProperty("value").GetString()!, item.GetProperty("count").GetInt64())));
        Assert.True(expected.Count > Math.Min(limit, 5), "the sample must have more URLs than the shortest list");
    }

    [Fact]
    public async Task WithoutAPeriodTheTopIsTodays()
    {
        var now = DateTime.UtcNow;
        var account = "top-today";
        List<CounterEvent> events = [Event(account, "/today", now), Event(account, "/today", now), Event(account, "/also", now), Event(account, "/yesterday", now.AddDays(-1))];
        await StatsApi.PostAndWaitAsync(gateway, events);

        // Read again if the day turned between posting and asking.
        var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/{account}/top?type={Type}");
        var today = Period.Containing(PeriodKind.Day, now).ToString();
        if (body.GetProperty("period").GetString() != today)
        {
            return;
        }

        Assert.Equal(
            [("/today", 2L), ("/also", 1L)],
            body.GetProperty("items").EnumerateArray().Select(item => (item.GetProperty("value").GetString()!, item.GetProperty("count").GetInt64())));
    }

    [Fact]
    public async Task AnAccountWithNoEventsHasAnEmptyTop()
    {
        var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/top-nobody/top?type={Type}&period=2025");

        Assert.Empty(body.GetProperty("items").EnumerateArray());
        Assert.Equal(0, body.GetProperty("total").GetInt64());
        Assert.Equal(0, body.GetProperty("distinct").GetInt32());
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "/api/stats/top-bad/top?period=2025", "type" },
        { "/api/stats/top-bad/top?type=page$view", "type" },
        { "/api/stats/top-bad/top?type=pageview&by=domain", "by" },
        { "/api/stats/top-bad/top?type=pageview&period=2025-13", "period" },
        { "/api/stats/top-bad/top?type=pageview&period=2025-02-29", "period" },
        { "/api/stats/top-bad/top?type=pageview&period=2025-2", "period" },
        { "/api/stats/top-bad/top?type=pageview&period=20250", "period" },
        { "/api/stats/top-bad/top?type=pageview&period=1969", "period" },
        { "/api/stats/top-bad/top?type=pageview&period=2025-03-10T04", "period" },
        { "/api/stats/top-bad/top?type=pageview&period=2025-03-10-01", "period" },
        { "/api/stats/top-bad/top?type=pageview&limit=0", "limit" },
        { "/api/stats/top-bad/top?type=pageview&limit=1001", "limit" },
        { "/api/stats/top-bad/top?type=pageview&limit=ten", "limit" },
        { "/api/stats/all/top?type=pageview", "account" },
        { "/api/stats/a!b/top?type=pageview", "account" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task ABadPartIs400NamingIt(string path, string field)
    {
        using var response = await gateway.Client.Http.GetAsync(path);

        await StatsApi.AssertProblemNamingAsync(response, field);
    }

    /// <summary>About 600 events over three days around a month's end, 40 URLs with a skewed spread, some without URL or of another type.</summary>
    private static List<CounterEvent> SkewedEvents(string account, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 600).Select(_ =>
        {
            var at = FirstDay.AddMinutes(random.Next(3 * 24 * 60));
            var roll = random.Next(20);
            return roll switch
            {
                0 => Event(account, null, at),
                1 => Event(account, "/other-type", at) with { Type = "click" },
                _ => Event(account, "/page/" + Math.Min(random.Next(40), random.Next(40)).ToString(CultureInfo.InvariantCulture), at),
            };
        })];
    }

    private static CounterEvent Event(string account, string? url, DateTime at) =>
        new() { Account = account, Type = Type, Url = url, Timestamp = at };
}
