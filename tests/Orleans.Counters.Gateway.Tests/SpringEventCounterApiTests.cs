using System.Globalization;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// The Spring event-counter service's endpoints: events sent to <c>/event_generate/</c> are counted exactly, and
/// <c>/event_track/</c>, <c>/event_report/</c> and <c>GET /api/stats/track/…</c> all show them. These
/// endpoints share one configured account, so each test sends to URLs of its own.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SpringEventCounterApiTests(GatewayFixture gateway)
{
    private const string Account = GatewayFixture.SpringEventCounterAccount;

    private static readonly string[] Types = ["CLICK", "VIEW", "PURCHASE"];

    private static readonly DateTime[] Days = [Utc(2024, 12, 31), Utc(2025, 3, 10), Utc(2025, 3, 11)];

    // What a client sends, and the path it is counted under: two URLs share /seed001-truth/cart.
    private static readonly (string Sent, string Path)[] Urls =
    [
        ("http://shop.example/seed001-truth/home", "/seed001-truth/home"),
        ("https://shop.example/seed001-truth/cart?utm_source=mail", "/seed001-truth/cart"),
        ("http://other.example:8080/seed001-truth/cart#top", "/seed001-truth/cart"),
        ("/seed001-truth/blog", "/seed001-truth/blog"),
    ];

    [Fact]
    public async Task GeneratedEventsShowInTrackReportAndTheStatsApiExactly()
    {
        var random = new Random(1001);
        var sent = new List<(string Path, string Type, DateTime At)>();
        for (var i = 0; i < 240; i++)
        {
            var (url, path) = Urls[random.Next(Urls.Length)];
            var type = Types[random.Next(Types.Length)];
            var at = Days[random.Next(Days.Length)].AddTicks(random.NextInt64(TimeSpan.TicksPerDay) / 10 * 10);
            var body = new { type, ip = $"10.0.{random.Next(256)}.{random.Next(256)}", url, datetime = Written(at, random.Next(4)) };
            await GenerateOkAsync(JsonSerializer.Serialize(body, new JsonSerializerOptions { WriteIndented = random.Next(2) == 0 }), random.Next(2) == 0 ? "/event_generate/" : "/event_generate");
            sent.Add((path, type, at));
        }

        foreach (var (url, path) in Urls)
        {
            foreach (var type in Types)
            {
                var expected = sent.Count(e => e.Path == path && e.Type == type);
                var answer = await Eventually.ReadAsync(() => TrackAsync(url, type, "/event_track/"), a => a.GetProperty("count").GetInt64() == expected);
                Assert.Equal(expected, answer.GetProperty("count").GetInt64());
                Assert.Equal(url, answer.GetProperty("url").GetString());
                Assert.Equal(type, answer.GetProperty("type").GetString());
            }

            foreach (var day in Days)
            {
                var expected = ExpectedRows(sent, url, path, day, type: null);
                var rows = await Eventually.ReadAsync(() => ReportAsync(url, day, type: null, "/event_report/"), r => r.SequenceEqual(expected));
                Assert.Equal(expected, rows);
                Assert.NotEmpty(rows);
            }
        }

        foreach (var path in Urls.Select(u => u.Path).Distinct())
        {
            foreach (var (type, day) in Types.SelectMany(t => Days.Select(d => (t, d))))
            {
                var hours = Enumerable.Range(0, 24).Select(h => (long)sent.Count(e => e.Path == path && e.Type == type && e.At.Date == day && e.At.Hour == h)).ToArray();
                var counts = await gateway.Client.TrackAsync(new SeriesKey(Account, type, path), Period.Day(day.Year, day.Month, day.Day));
                Assert.Equal(hours, counts.Segments);
            }
        }
    }

    [Fact]
    public async Task ReportWithATypeListsOnlyThatTypeAndBothEndpointsAnswerWithoutTheSlash()
    {
        const string url = "http://shop.example/seed001-type/page";
        var day = Utc(2025, 6, 1);
        string[] types = ["CLICK", "VIEW"];
        var sent = new List<(string Path, string Type, DateTime At)>();
        foreach (var (type, hour) in new[] { ("CLICK", 3), ("VIEW", 3), ("CLICK", 17), ("CLICK", 17), ("VIEW", 23) })
        {
            var at = day.AddHours(hour).AddMinutes(59);
            await GenerateOkAsync(JsonSerializer.Serialize(new { type, ip = "323.3253.34.999", url, datetime = Written(at, 1) }), "/event_generate/");
            sent.Add(("/seed001-type/page", type, at));
        }

        foreach (var type in types)
        {
            var expected = ExpectedRows(sent, url, "/seed001-type/page", day, type);
            var rows = await Eventually.ReadAsync(() => ReportAsync(url, day, type, "/event_report"), r => r.SequenceEqual(expected));
            Assert.Equal(expected, rows);
            var count = sent.Count(e => e.Type == type);
            var track = await Eventually.ReadAsync(() => TrackAsync(url, type, "/event_track"), a => a.GetProperty("count").GetInt64() == count);
            Assert.Equal(count, track.GetProperty("count").GetInt64());
        }
    }

    [Fact]
    public async Task AnEventWithoutDatetimeCountsNowAndTheIpIsItsUser()
    {
        const string url = "http://shop.example/seed001-now/";
        var before = DateTime.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            await GenerateOkAsync($$"""{"type": "VIEW", "ip": "192.0.2.{{i}}", "url": "{{url}}"}""", "/event_generate/");
        }

        var after = DateTime.UtcNow;
        var track = await Eventually.ReadAsync(() => TrackAsync(url, "VIEW", "/event_track/"), a => a.GetProperty("count").GetInt64() == 5);
        Assert.Equal(5, track.GetProperty("count").GetInt64());

        var series = new SeriesKey(Account, "VIEW", "/seed001-now/");
        var years = new[] { before.Year, after.Year }.Distinct();
        var totals = await Task.WhenAll(years.Select(year => gateway.Client.TrackAsync(series, Period.Year(year))));
        Assert.Equal(5, totals.Sum(t => t.Total));
    }

    [Fact]
    public async Task GenerateAnswersTextPlainOk()
    {
        using var response = await PutAsync("/event_generate/", """{"type": "CLICK", "ip": "198.51.100.7", "url": "/seed001-ok"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
        // Counted before the test ends, so it cannot land in the middle of another test's before and after.
        var track = await Eventually.ReadAsync(() => TrackAsync("/seed001-ok", "CLICK", "/event_track/"), a => a.GetProperty("count").GetInt64() == 1);
        Assert.Equal(1, track.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task FieldsTheSeedDidNotTake_AreIgnored_AsItsSpringServiceIgnoredThem()
    {
        using var response = await PutAsync("/event_generate/", """{"type": "CLICK", "url": "/seed001-extra", "uuid": "e2a562b3-afe3-40f4-adc1-76c3ef9a0143", "account": "other"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var track = await Eventually.ReadAsync(() => TrackAsync("/seed001-extra", "CLICK", "/event_track/"), a => a.GetProperty("count").GetInt64() == 1);
        Assert.Equal(1, track.GetProperty("count").GetInt64());
    }

    public static TheoryData<string, string> BadEvents => new()
    {
        { """{"ip": "1.2.3.4", "url": "/seed001-bad/x"}""", "type" },
        { """{"type": null, "url": "/seed001-bad/x"}""", "type" },
        { """{"type": 42, "url": "/seed001-bad/x"}""", "type" },
        { """{"type": "CL ICK", "url": "/seed001-bad/x"}""", "type" },
        { $$"""{"type": "{{new string('C', 65)}}", "url": "/seed001-bad/x"}""", "type" },
        { """{"type": "CLICK", "ip": 1234, "url": "/seed001-bad/x"}""", "ip" },
        { $$"""{"type": "CLICK", "ip": "{{new string('1', 257)}}", "url": "/seed001-bad/x"}""", "ip" },
        { """{"type": "CLICK", "url": ["/seed001-bad/x"]}""", "url" },
        { """{"type": "CLICK", "url": "seed001-bad/x"}""", "url" },
        { """{"type": "CLICK", "url": ""}""", "url" },
        { $$"""{"type": "CLICK", "url": "/{{new string('u', 2048)}}"}""", "url" },
        { """{"type": "CLICK", "url": "/seed001-bad/x", "datetime": "yesterday"}""", "datetime" },
        { """{"type": "CLICK", "url": "/seed001-bad/x", "datetime": 1638560839}""", "datetime" },
        { """{"type": "CLICK", "url": "/seed001-bad/x", "datetime": "2099-01-01 00:00:00"}""", "datetime" },
        { """{"type": "CLICK", "url": "/seed001-bad/x", "datetime": "1999-01-01T00:00:00Z"}""", "datetime" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task ABadEventIs400NamingItsFieldAndCountsNothing(string body, string field)
    {
        var before = await AccountTotalAsync();

        using var response = await PutAsync("/event_generate/", body);

        await AssertProblemNamingOnlyAsync(response, field);
        await AssertNothingCountedAsync(before);
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "", "application/json" },
        { """{"type": "CLICK", """, "application/json" },
        { """[{"type": "CLICK", "url": "/seed001-bad/x"}]""", "application/json" },
        { "\"CLICK\"", "application/json" },
        { """{"type": "CLICK", "url": "/seed001-bad/x"}""", "application/json; charset=iso-8859-1" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task AMalformedBodyIs400AndCountsNothing(string body, string contentType)
    {
        var before = await AccountTotalAsync();

        using var response = await PutAsync("/event_generate/", body, contentType);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertNothingCountedAsync(before);
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413AndCountsNothing()
    {
        var before = await AccountTotalAsync();
        var body = $$"""{"type": "CLICK", "url": "/seed001-bad/x", "ip": "{{new string('1', GatewayFixture.MaxBodyBytes)}}"}""";

        using var response = await PutAsync("/event_generate/", body);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingCountedAsync(before);
    }

    [Fact]
    public async Task AnotherContentTypeIs415()
    {
        using var response = await PutAsync("/event_generate/", """{"type": "CLICK"}""", "application/xml");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    public static TheoryData<string, string, string> BadQueries => new()
    {
        { "/event_track/", """{"type": "CLICK"}""", "url" },
        { "/event_track/", """{"url": "", "type": "CLICK"}""", "url" },
        { "/event_track/", """{"url": 7, "type": "CLICK"}""", "url" },
        { "/event_track/", """{"url": "no-slash", "type": "CLICK"}""", "url" },
        { "/event_track/", """{"url": "/seed001-bad/x"}""", "type" },
        { "/event_track/", """{"url": "/seed001-bad/x", "type": true}""", "type" },
        { "/event_track/", $$"""{"url": "/seed001-bad/x", "type": "{{new string('C', 65)}}"}""", "type" },
        { "/event_report/", """{"date": "2021-12-03"}""", "url" },
        { "/event_report/", """{"url": ["/a"], "date": "2021-12-03"}""", "url" },
        { "/event_report/", """{"url": "/seed001-bad/x"}""", "date" },
        { "/event_report/", """{"url": "/seed001-bad/x", "date": 20211203}""", "date" },
        { "/event_report/", """{"url": "/seed001-bad/x", "date": "2021-13-03"}""", "date" },
        { "/event_report/", """{"url": "/seed001-bad/x", "date": "2021-02-29"}""", "date" },
        { "/event_report/", """{"url": "/seed001-bad/x", "date": "03.12.2021"}""", "date" },
        { "/event_report/", """{"url": "/seed001-bad/x", "date": "2021-12"}""", "date" },
        { "/event_report/", """{"url": "/seed001-bad/x", "date": "2021-12-03", "type": "CL/ICK"}""", "type" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task ABadTrackOrReportIs400NamingItsField(string path, string body, string field)
    {
        using var response = await PostAsync(path, body);

        await AssertProblemNamingOnlyAsync(response, field);
    }

    private static List<(string Url, string Datehour, string Type, long Count)> ExpectedRows(
        List<(string Path, string Type, DateTime At)> sent, string url, string path, DateTime day, string? type) =>
        [.. sent.Where(e => e.Path == path && e.At.Date == day && (type is null || e.Type == type))
            .GroupBy(e => (e.At.Hour, e.Type))
            .OrderBy(g => g.Key.Hour).ThenBy(g => g.Key.Type, StringComparer.Ordinal)
            .Select(g => (url, day.AddHours(g.Key.Hour).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), g.Key.Type, (long)g.Count()))];

    /// <summary>A timestamp in one of the forms a seed client may send: ISO with Z, the table's space form, an offset, no fraction.</summary>
    private static string Written(DateTime at, int form) => form switch
    {
        0 => at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        1 => at.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        2 => at.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+02:00",
        _ => at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
    };

    private async Task GenerateOkAsync(string body, string path)
    {
        using var response = await PutAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("OK", text);
    }

    private async Task<JsonElement> TrackAsync(string url, string type, string path)
    {
        using var response = await PostAsync(path, JsonSerializer.Serialize(new { url, type }));
        return await ReadOkAsync(response);
    }

    private async Task<List<(string Url, string Datehour, string Type, long Count)>> ReportAsync(string url, DateTime day, string? type, string path)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = type is null ? JsonSerializer.Serialize(new { url, date }) : JsonSerializer.Serialize(new { url, date, type });
        using var response = await PostAsync(path, body);
        var rows = (await ReadOkAsync(response)).EnumerateArray().ToList();
        Assert.All(rows, row => Assert.Equal(["url", "datehour", "type", "count"], row.EnumerateObject().Select(p => p.Name)));
        return [.. rows.Select(row => (
            row.GetProperty("url").GetString()!,
            row.GetProperty("datehour").GetString()!,
            row.GetProperty("type").GetString()!,
            row.GetProperty("count").GetInt64()))];
    }

    private static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private Task<HttpResponseMessage> PutAsync(string path, string body, string contentType = "application/json") =>
        gateway.Client.Http.PutAsync(path, Content(body, contentType));

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        gateway.Client.Http.PostAsync(path, Content(body, "application/json"));

    private static ByteArrayContent Content(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        Assert.Equal((int)status, document.RootElement.GetProperty("status").GetInt32());
        return document.RootElement.Clone();
    }

    /// <summary>A 400 whose errors name the field, once, and no other: a wrong JSON type is not also "required".</summary>
    private static async Task AssertProblemNamingOnlyAsync(HttpResponseMessage response, string field)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal([field], fields);
    }

    /// <summary>
    /// Every event the account has, of any type, in the day either side of now: where a refused event
    /// without a datetime would have landed, and away from the other tests' dated events.
    /// </summary>
    private async Task<long> AccountTotalAsync()
    {
        var now = DateTime.UtcNow;
        var from = now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:00'Z'", CultureInfo.InvariantCulture);
        var to = now.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:00'Z'", CultureInfo.InvariantCulture);
        var (_, summary) = await StatsApi.GetAsync(gateway, $"/api/stats/{Account}/summary?from={from}&to={to}");
        return summary.GetProperty("counts").EnumerateObject().Sum(count => count.Value.GetInt64());
    }

    /// <summary>
    /// Sends one good marker event and waits for it: the account's stream is ordered, so once the
    /// marker is counted anything a refused request had slipped in would be counted too.
    /// </summary>
    private async Task AssertNothingCountedAsync(long before)
    {
        await GenerateOkAsync("""{"type": "MARK", "ip": "203.0.113.1", "url": "/seed001-bad/marker"}""", "/event_generate/");
        var after = await Eventually.ReadAsync(AccountTotalAsync, total => total >= before + 1);
        await Task.Delay(300);
        Assert.Equal(before + 1, after);
        Assert.Equal(before + 1, await AccountTotalAsync());
    }

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);
}
