using System.Collections.Immutable;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// Breakdowns and filters by event properties over HTTP: <c>top?by=prop:NAME</c> in JSON and CSV, <c>prop:NAME=</c>
/// (and <c>url=</c>, <c>referrer=</c>) on track, summary and timeseries alike, and a 400 naming the parameter
/// wherever the counted series cannot answer exactly.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PropertyApiTests(GatewayFixture gateway)
{
    private const string Account = "props-api";
    private static readonly DateTime Day = new(2025, 4, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task TopByAPropertyRanksItsValues_AndTheTotalKeepsEveryEvent()
    {
        await PostOnceAsync();

        var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/{Account}/top?type=pageview&by=prop:plan&period=2025-04-02");

        Assert.Equal("prop:plan", body.GetProperty("by").GetString());
        Assert.Equal(Events().Count(e => e.Type == "pageview"), body.GetProperty("total").GetInt64());
        Assert.Equal(3, body.GetProperty("distinct").GetInt32());
        Assert.Equal([("pro", 5L), ("free", 3L), ("team", 1L)], Items(body));

        // The campaign parameters of a URL's query string are properties too.
        var (_, sources) = await StatsApi.GetAsync(gateway, $"/api/stats/{Account}/top?type=pageview&by=prop:utm_source&period=2025-04");
        Assert.Equal([("news", 2L)], Items(sources));

        var csv = await GetTextAsync($"/api/stats/{Account}/top?type=pageview&by=prop:plan&period=2025&format=csv");
        Assert.Equal("rank,value,count\r\n1,pro,5\r\n2,free,3\r\n3,team,1\r\n", csv);
    }

    [Fact]
    public async Task APropertyFilterNarrowsTrackSummaryAndTimeseriesAlike()
    {
        await PostOnceAsync();

        var (_, track) = await StatsApi.GetAsync(gateway, $"/api/stats/track/{Account}/pageview/2025/4?prop:plan=pro");
        Assert.Equal(5, track.GetProperty("total").GetInt64());
        Assert.Equal(5, track.GetProperty("data").GetProperty("2").GetInt64());
        Assert.Equal(("plan", "pro"), (track.GetProperty("property").GetProperty("name").GetString(), track.GetProperty("property").GetProperty("value").GetString()));
        Assert.Equal("*", track.GetProperty("url").GetString());

        var (_, summary) = await StatsApi.GetAsync(gateway, $"/api/stats/{Account}/summary?period=2025-04-02&prop:plan=free");
        Assert.Equal(3, summary.GetProperty("counts").GetProperty("pageview").GetInt64());
        Assert.Equal(1, summary.GetProperty("counts").GetProperty("order").GetInt64());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("sums").ValueKind);

        var (_, series) = await StatsApi.GetAsync(gateway, $"/api/stats/{Account}/timeseries?type=pageview&period=2025-04-02&interval=hour&prop:plan=pro");
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(24, points.Count);
        Assert.Equal(5, points.Sum(point => point.GetProperty("count").GetInt64()));
        Assert.Equal(5, points[10].GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, points[10].GetProperty("uniques").ValueKind);

        var (_, referred) = await StatsApi.GetAsync(gateway, $"/api/stats/track/{Account}/pageview/2025/4/2?referrer=google.com");
        Assert.Equal(2, referred.GetProperty("total").GetInt64());
        Assert.Equal("google.com", referred.GetProperty("referrer").GetString());

        // A value no event carried, of a name the account tracks or never sent: exactly none.
        var (_, none) = await StatsApi.GetAsync(gateway, $"/api/stats/{Account}/summary?type=pageview&period=2025-04-02&prop:plan=gold");
        Assert.Equal(0, none.GetProperty("counts").GetProperty("pageview").GetInt64());
    }

    [Theory]
    [InlineData("/api/stats/props-api/summary?period=2025&url=/&prop:plan=pro", "prop:plan")]
    [InlineData("/api/stats/props-api/timeseries?type=pageview&period=2025&referrer=google.com&prop:plan=pro", "prop:plan")]
    [InlineData("/api/stats/track/props-api/pageview/2025?prop:plan=pro&prop:utm_source=news", "prop:utm_source")]
    [InlineData("/api/stats/track/props-api/pageview/2025?url=/&referrer=google.com", "referrer")]
    [InlineData("/api/stats/track/props-api/pageview/2025?prop:plan=pro&prop:plan=free", "prop:plan")]
    [InlineData("/api/stats/track/props-api/pageview/2025?prop:plan=%20", "prop:plan")]
    [InlineData("/api/stats/track/all/pageview/2025?prop:plan=pro", "prop:plan")]
    [InlineData("/api/stats/props-api/summary?period=2025&prop:referrer=google.com", "prop:referrer")]
    [InlineData("/api/stats/props-api/summary?period=2025&prop:=x", "prop:")]
    [InlineData("/api/stats/props-api/top?type=pageview&by=prop:plan&prop:plan=pro", "prop:plan")]
    [InlineData("/api/stats/props-api/top?type=pageview&by=prop:plan&url=/", "url")]
    [InlineData("/api/stats/props-api/top?type=pageview&by=prop:referrer", "by")]
    [InlineData("/api/stats/props-api/top?type=pageview&by=prop:", "by")]
    [InlineData("/api/stats/props-api/top?type=pageview&by=plan", "by")]
    [InlineData("/api/stats/props-api/realtime?type=pageview&prop:plan=pro", "prop:plan")]
    [InlineData("/api/stats/props-api/summary?period=2025&prop:plan=pro&plan=pro", "plan")]
    public async Task AFilterOrBreakdownTheSeriesCannotAnswerExactly_Is400NamingIt(string path, string field)
    {
        using var response = await gateway.Client.Http.GetAsync(path);

        await StatsApi.AssertProblemNamingAsync(response, field);
    }

    private static List<(string, long)> Items(JsonElement top) =>
        [.. top.GetProperty("items").EnumerateArray().Select(item => (item.GetProperty("value").GetString()!, item.GetProperty("count").GetInt64()))];

    private async Task<string> GetTextAsync(string path)
    {
        using var response = await gateway.Client.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    private static readonly SemaphoreSlim Posting = new(1, 1);
    private static bool _posted;

    // The tests share the account's events, posted once; the top lists are waited for, as they live in other shards than the totals.
    private async Task PostOnceAsync()
    {
        await Posting.WaitAsync();
        try
        {
            if (!_posted)
            {
                // Not PostAndWaitAsync: its ground truth would count the URLs with their query strings, which the gateway drops.
                await gateway.Client.PostAsync(Events());
                foreach (var type in new[] { "pageview", "order" })
                {
                    var expected = Events().Count(e => e.Type == type);
                    await Eventually.ReadAsync(() => gateway.Client.TrackAsync(SeriesKey.AllUrlsOf(Account, type), Period.Year(2025)), c => c.Total == expected, TimeSpan.FromSeconds(30));
                    await Eventually.ReadAsync(() => gateway.Client.TrackAsync(SeriesKey.AllUrlsOf(Account, type), Period.Day(2025, 4, 2)), c => c.Total == expected, TimeSpan.FromSeconds(30));
                }

                await Eventually.ReadAsync(
                    () => StatsApi.GetAsync(gateway, $"/api/stats/{Account}/top?type=pageview&by=prop:plan&period=2025"),
                    top => Items(top.Body).Sum(item => item.Item2) == 9,
                    TimeSpan.FromSeconds(30));
                await Eventually.ReadAsync(
                    () => StatsApi.GetAsync(gateway, $"/api/stats/{Account}/top?type=pageview&by=prop:utm_source&period=2025"),
                    top => Items(top.Body).Sum(item => item.Item2) == 2,
                    TimeSpan.FromSeconds(30));
                _posted = true;
            }
        }
        finally
        {
            Posting.Release();
        }
    }

    private static List<CounterEvent> Events() =>
    [
        .. Enumerable.Range(0, 5).Select(i => Event("pageview", i, ("plan", "pro"))),
        .. Enumerable.Range(0, 3).Select(i => Event("pageview", i, ("plan", "free"))),
        Event("pageview", 0, ("plan", "team"), ("referrer", "https://www.google.com/search?q=x")),
        Event("pageview", 1, ("referrer", "https://google.com/")),
        Event("pageview", 2, ("plan", "  ")) with { Url = "/landing?utm_source=news&utm_medium=email" },
        Event("pageview", 3) with { Url = "/landing?utm_source=news" },
        Event("order", 4, ("plan", "free")),
    ];

    private static CounterEvent Event(string type, int minute, params (string Name, string Value)[] properties) => new()
    {
        Account = Account,
        Type = type,
        Url = "/",
        Timestamp = Day.AddHours(10).AddMinutes(minute),
        Properties = properties.Length == 0 ? null : properties.ToImmutableDictionary(p => p.Name, p => p.Value),
    };
}
