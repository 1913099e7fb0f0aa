using System.Collections.Immutable;
using System.Globalization;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// Relative periods and time series of a Kolkata account, read ten minutes after its local midnight (the
/// UTC day is still the day before), compared with what seeded events over the 40 days before hold.
/// </summary>
[Collection(ClockedGatewayCollection.Name)]
public sealed class PeriodsApiTests(ClockedGatewayFixture gateway) : IAsyncLifetime
{
    private const string Account = "periods-kolkata";
    private const string Kolkata = "Asia/Kolkata";
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static readonly string[] Referrers = ["https://www.google.com/search?q=a", "https://news.ycombinator.com/item?id=1", "newsletter"];
    private static readonly DateTime LocalMidnight = new(2025, 3, 9, 18, 30, 0, DateTimeKind.Utc);
    private static readonly SemaphoreSlim Posting = new(1, 1);
    private static IReadOnlyList<CounterEvent>? _posted;

    private IReadOnlyList<CounterEvent> _events = [];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // The test classes of a collection run one after another, but each gets a new instance: post once.
        await Posting.WaitAsync();
        try
        {
            _posted ??= await PostAsync();
            _events = _posted;
        }
        finally
        {
            Posting.Release();
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("today", "2025-03-09T18:30:00Z", "2025-03-10T18:30:00Z")]
    [InlineData("yesterday", "2025-03-08T18:30:00Z", "2025-03-09T18:30:00Z")]
    [InlineData("7d", "2025-03-02T18:30:00Z", "2025-03-09T18:30:00Z")]
    [InlineData("30d", "2025-02-07T18:30:00Z", "2025-03-09T18:30:00Z")]
    [InlineData("month", "2025-02-28T18:30:00Z", "2025-03-31T18:30:00Z")]
    [InlineData("year", "2024-12-31T18:30:00Z", "2025-12-31T18:30:00Z")]
    [InlineData("2025-03-09", "2025-03-08T18:30:00Z", "2025-03-09T18:30:00Z")]
    [InlineData("2025-02", "2025-01-31T18:30:00Z", "2025-02-28T18:30:00Z")]
    public async Task ASummaryOfARelativePeriod_CountsTheAccountsLocalDays(string period, string from, string to)
    {
        var start = Instant(from);
        var end = Instant(to);

        var body = await Eventually.ReadAsync(
            () => GetAsync($"/api/stats/{Account}/summary?type=order&period={period}"),
            b => b.GetProperty("counts").GetProperty("order").GetInt64() == Truth(InRange(start, end)).Count);

        Assert.Equal(start, body.GetProperty("from").GetDateTime());
        Assert.Equal(end, body.GetProperty("to").GetDateTime());
        Assert.Equal(Kolkata, body.GetProperty("timeZone").GetString());
        var expected = Truth(InRange(start, end));
        Assert.Equal(expected.Bots, body.GetProperty("bots").GetProperty("order").GetInt64());
        Assert.Equal(expected.Sum, body.GetProperty("sums").GetProperty("order").GetDecimal());
        Assert.Equal(expected.Uniques, body.GetProperty("uniques").GetProperty("order").GetInt64());
    }

    [Fact]
    public void TheEvents_StraddleTheLocalMidnight_WhichIsNoUtcMidnight()
    {
        // Today and yesterday of the account both lie in the UTC day 2025-03-09: only the zone tells them apart.
        Assert.Contains(_events, e => e.Timestamp >= LocalMidnight && e.Timestamp < LocalMidnight.AddMinutes(10));
        Assert.Contains(_events, e => e.Timestamp < LocalMidnight && e.Timestamp >= LocalMidnight.AddMinutes(-10));
        Assert.Equal(new DateTime(2025, 3, 9), LocalMidnight.Date);
    }

    [Fact]
    public async Task ATimeSeriesOf30Days_HasADayPointPerLocalDay_MatchingTheEvents()
    {
        var body = await TimeSeriesAsync("type=order&period=30d", points => Sum(points) == Truth(InRange(Instant("2025-02-07T18:30:00Z"), LocalMidnight)).Count);

        Assert.Equal("day", body.GetProperty("interval").GetString());
        var points = body.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(30, points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var day = Period.Day(2025, 2, 8, Kolkata);
            day = Period.Containing(PeriodKind.Day, day.Start.AddDays(i), Kolkata);
            AssertPoint(points[i], day.Start, Truth(InRange(day.Start, day.End)), $"day {i}");
        }
    }

    [Fact]
    public async Task ATimeSeriesOfYesterday_HasItsLocalHours_AndOfTodayItsMinutesWithoutUniques()
    {
        var yesterday = await TimeSeriesAsync("type=order&period=yesterday", points => Sum(points) == Truth(InRange(LocalMidnight.AddDays(-1), LocalMidnight)).Count);
        Assert.Equal("hour", yesterday.GetProperty("interval").GetString());
        var hours = yesterday.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(24, hours.Count);
        for (var hour = 0; hour < 24; hour++)
        {
            var start = LocalMidnight.AddDays(-1).AddHours(hour);
            AssertPoint(hours[hour], start, Truth(InRange(start, start.AddHours(1))), $"hour {hour}");
        }

        var today = await TimeSeriesAsync("type=order&period=today&interval=minute", points => Sum(points) == Truth(InRange(LocalMidnight, LocalMidnight.AddDays(1))).Count);
        var minutes = today.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(24 * 60, minutes.Count);
        Assert.All(minutes, minute => Assert.Equal(JsonValueKind.Null, minute.GetProperty("uniques").ValueKind));
        for (var minute = 0; minute < 15; minute++)
        {
            var start = LocalMidnight.AddMinutes(minute);
            var expected = Truth(InRange(start, start.AddMinutes(1)));
            Assert.Equal(start, minutes[minute].GetProperty("start").GetDateTime());
            Assert.True(expected.Count == minutes[minute].GetProperty("count").GetInt64(), $"minute {minute}");
            Assert.Equal(expected.Bots, minutes[minute].GetProperty("bots").GetInt64());
            Assert.Equal(expected.Sum, minutes[minute].GetProperty("sum").GetDecimal());
        }
    }

    [Fact]
    public async Task MonthPoints_AreCutToThePeriod()
    {
        var body = await TimeSeriesAsync("type=order&period=30d&interval=month", points => Sum(points) == Truth(InRange(Instant("2025-02-07T18:30:00Z"), LocalMidnight)).Count);

        var points = body.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(2, points.Count);
        var march = Period.Month(2025, 3, Kolkata).Start;
        AssertPoint(points[0], Instant("2025-02-07T18:30:00Z"), Truth(InRange(Instant("2025-02-07T18:30:00Z"), march)), "February's part");
        AssertPoint(points[1], march, Truth(InRange(march, LocalMidnight)), "March's part");

        var year = await TimeSeriesAsync("type=order&period=year", p => Sum(p) == Truth(_events).Count);
        Assert.Equal(12, year.GetProperty("points").GetArrayLength());
        Assert.Equal("month", year.GetProperty("interval").GetString());
    }

    [Fact]
    public async Task UrlAndReferrerFilters_NarrowTimeSeriesAndSummaries()
    {
        var week = InRange(LocalMidnight.AddDays(-7), LocalMidnight);
        var pricing = week.Where(e => e.Url == "/pricing").ToList();
        var byUrl = await TimeSeriesAsync("type=order&period=7d&url=/pricing", points => Sum(points) == Truth(pricing).Count);
        Assert.Equal("/pricing", byUrl.GetProperty("url").GetString());
        var days = byUrl.GetProperty("points").EnumerateArray().ToList();
        for (var i = 0; i < 7; i++)
        {
            var start = LocalMidnight.AddDays(i - 7);
            AssertPoint(days[i], start, Truth(pricing.Where(e => e.Timestamp >= start && e.Timestamp < start.AddDays(1))), $"/pricing day {i}");
        }

        var google = Truth(InRange(LocalMidnight.AddDays(-30), LocalMidnight).Where(e => ReferrerSource.Of(Referrer(e)) == "google.com")).Count;
        var byReferrer = await TimeSeriesAsync("type=order&period=30d&referrer=google.com", points => Sum(points) == google);
        Assert.Equal("google.com", byReferrer.GetProperty("referrer").GetString());
        Assert.True(google > 0);
        Assert.All(byReferrer.GetProperty("points").EnumerateArray(), point =>
        {
            Assert.Equal(JsonValueKind.Null, point.GetProperty("uniques").ValueKind);
            Assert.Equal(JsonValueKind.Null, point.GetProperty("sum").ValueKind);
            Assert.Equal(JsonValueKind.Null, point.GetProperty("bots").ValueKind);
        });

        var summary = await GetAsync($"/api/stats/{Account}/summary?period=30d&referrer={Uri.EscapeDataString("https://google.com/x")}");
        Assert.Equal(google, summary.GetProperty("counts").GetProperty("order").GetInt64());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("uniques").ValueKind);
        var urlSummary = await GetAsync($"/api/stats/{Account}/summary?period=7d&url=/pricing");
        Assert.Equal(Truth(pricing).Count, urlSummary.GetProperty("counts").GetProperty("order").GetInt64());
        Assert.Equal(Truth(pricing).Uniques, urlSummary.GetProperty("uniques").GetProperty("order").GetInt64());
        Assert.Equal("/pricing", urlSummary.GetProperty("url").GetString());
    }

    [Fact]
    public async Task ATimeSeries_AsCsv_HasTheSamePoints()
    {
        var json = await TimeSeriesAsync("type=order&period=7d", points => Sum(points) == Truth(InRange(LocalMidnight.AddDays(-7), LocalMidnight)).Count);

        var csv = await gateway.Client.Http.GetStringAsync($"/api/stats/{Account}/timeseries?type=order&period=7d&format=csv");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("start,count,uniques,sum,bots", lines[0]);
        var expected = json.GetProperty("points").EnumerateArray().Select(point => string.Join(',',
            point.GetProperty("start").GetDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            point.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture),
            point.GetProperty("uniques").GetInt64().ToString(CultureInfo.InvariantCulture),
            point.GetProperty("sum").GetDecimal().ToString(CultureInfo.InvariantCulture),
            point.GetProperty("bots").GetInt64().ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(expected, lines.Skip(1));

        var minutes = await gateway.Client.Http.GetStringAsync($"/api/stats/{Account}/timeseries?type=order&period=today&interval=minute&format=csv");
        Assert.StartsWith($"{LocalMidnight:yyyy-MM-dd'T'HH:mm:ss'Z'},", minutes.Split("\r\n")[1], StringComparison.Ordinal);
        Assert.Equal(string.Empty, minutes.Split("\r\n")[1].Split(',')[2]);
    }

    [Fact]
    public async Task ATopList_TakesRelativeDaysMonthsAndYears_InTheAccountsZone()
    {
        var yesterday = InRange(LocalMidnight.AddDays(-1), LocalMidnight).Where(e => e.UserAgent == Browser && e.Url is not null).ToList();

        var body = await GetAsync($"/api/stats/{Account}/top?type=order&period=yesterday&limit=5");

        Assert.Equal("2025-03-09", body.GetProperty("period").GetString());
        var expected = yesterday.CountBy(e => e.Url!).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, (long)p.Value));
        Assert.Equal(expected, body.GetProperty("items").EnumerateArray().Select(item => (item.GetProperty("value").GetString()!, item.GetProperty("count").GetInt64())));
        var month = await GetAsync($"/api/stats/{Account}/top?type=order&period=month");
        Assert.Equal("2025-03", month.GetProperty("period").GetString());
        var today = await GetAsync($"/api/stats/{Account}/top?type=order");
        Assert.Equal("2025-03-10", today.GetProperty("period").GetString());
    }

    private static void AssertPoint(JsonElement point, DateTime start, (long Count, long Bots, decimal Sum, long Uniques) expected, string what)
    {
        Assert.True(start == point.GetProperty("start").GetDateTime(), $"{what}: start {point.GetProperty("start")}, expected {start:O}");
        Assert.True(expected.Count == point.GetProperty("count").GetInt64(), $"{what}: count");
        Assert.True(expected.Bots == point.GetProperty("bots").GetInt64(), $"{what}: bots");
        Assert.True(expected.Sum == point.GetProperty("sum").GetDecimal(), $"{what}: sum");
        Assert.True(expected.Uniques == point.GetProperty("uniques").GetInt64(), $"{what}: uniques");
    }

    private static (long Count, long Bots, decimal Sum, long Uniques) Truth(IEnumerable<CounterEvent> events)
    {
        var all = events.ToList();
        var humans = all.Where(e => e.UserAgent == Browser).ToList();
        return (humans.Count, all.Count - humans.Count, humans.Sum(e => (decimal)e.Value!.Value), humans.Where(e => e.UserId is not null).Select(e => e.UserId).Distinct().Count());
    }

    private static long Sum(JsonElement body) => body.GetProperty("points").EnumerateArray().Sum(point => point.GetProperty("count").GetInt64());

    private static string? Referrer(CounterEvent e) => e.Properties?.GetValueOrDefault("referrer");

    private static DateTime Instant(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private List<CounterEvent> InRange(DateTime start, DateTime end) => [.. _events.Where(e => e.Timestamp >= start && e.Timestamp < end)];

    private Task<JsonElement> TimeSeriesAsync(string query, Func<JsonElement, bool> done) =>
        Eventually.ReadAsync(() => GetAsync($"/api/stats/{Account}/timeseries?{query}"), done);

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await gateway.Client.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Sets the account's zone and posts orders over the 40 days before the clock's start: values with
    /// cents, 200 users and some anonymous, one in ten from a crawler, a third with a referrer, and four
    /// around the local midnight.
    /// </summary>
    private async Task<IReadOnlyList<CounterEvent>> PostAsync()
    {
        using (var zone = await gateway.Client.Http.PutAsJsonAsync($"/api/accounts/{Account}/settings", new { timeZone = Kolkata }))
        {
            Assert.Equal(HttpStatusCode.OK, zone.StatusCode);
        }

        var random = new Random(20);
        var first = ClockedGatewayFixture.StartsAt.AddDays(-40);
        var times = Enumerable.Range(0, 3_000).Select(_ => first.AddSeconds(random.Next(40 * 24 * 3600)))
            .Concat([LocalMidnight, LocalMidnight.AddTicks(-1), LocalMidnight.AddMinutes(5), LocalMidnight.AddMinutes(-5)]);
        var events = times.Select(at => new CounterEvent
        {
            Account = Account,
            Type = "order",
            Timestamp = at,
            Url = random.Next(3) switch { 0 => "/pricing", 1 => "/", _ => null },
            UserId = random.Next(10) == 0 ? null : "user-" + random.Next(200).ToString(CultureInfo.InvariantCulture),
            UserAgent = random.Next(10) == 0 ? Googlebot : Browser,
            Value = random.Next(1, 100_000) / 100.0,
            Properties = random.Next(3) == 0 ? ImmutableDictionary<string, string>.Empty.Add("referrer", Referrers[random.Next(Referrers.Length)]) : null,
        }).ToList();
        foreach (var batch in events.Chunk(500))
        {
            await gateway.Client.PostAsync(batch);
        }

        var year = new SeriesKey(Account, "order", SeriesKey.AllUrls);
        await Eventually.ReadAsync(
            () => GetAsync(StatsClient.TrackPath(year, Period.Year(2025, Kolkata))),
            body => body.GetProperty("total").GetInt64() + body.GetProperty("bots").GetInt64() == events.Count,
            TimeSpan.FromSeconds(30));
        return events;
    }
}
