using System.Globalization;
using System.Net.Http.Headers;
using Orleans.Counters.Gateway.Stats;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>Stats answers as CSV: <c>?format=csv</c> or <c>Accept: text/csv</c>, the same numbers as the JSON answers.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CsvExportTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("2025", "2025", 12)]
    [InlineData("2025/3", "2025-03", 31)]
    [InlineData("2025/3/10", "2025-03-10", 24)]
    [InlineData("2025/3/10/4", "2025-03-10T04", 60)]
    public async Task ATrackAsCsvHasEverySegmentWithItsStartAndTheSameCountsAsTheJson(string path, string periodText, int segments)
    {
        // An account per test: each posts its events, and the counts must not include another test's.
        var account = $"csv-track-{periodText}";
        var truth = await StatsApi.PostAndWaitAsync(gateway, Events(account));
        var (_, json) = await StatsApi.GetAsync(gateway, $"/api/stats/track/{account}/pageview/{path}");

        var rows = await GetCsvAsync($"/api/stats/track/{account}/pageview/{path}?format=csv");

        var period = Period.Parse(periodText);
        Assert.Equal(["segment", "start", "count"], rows[0]);
        Assert.Equal(segments, rows.Count - 1);
        Assert.Equal(json.GetProperty("data").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64().ToString(CultureInfo.InvariantCulture))), rows.Skip(1).Select(r => (r[0], r[2])));
        Assert.Equal(Enumerable.Range(0, segments).Select(s => period.SegmentStart(s).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[1]));
        Assert.Equal(truth.Expected(SeriesKey.AllUrlsOf(account, "pageview"), period).Sum(), rows.Skip(1).Sum(r => long.Parse(r[2], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task AcceptTextCsvAsksForCsvToo()
    {
        await StatsApi.PostAndWaitAsync(gateway, Events("csv-accept"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stats/track/csv-accept/pageview/2025");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await gateway.Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("segment,start,count\r\n1,2025-01-01T00:00:00Z,", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASummaryAsCsvHasOneRowPerType()
    {
        await StatsApi.PostAndWaitAsync(gateway, Events("csv-summary"));

        var rows = await GetCsvAsync("/api/stats/csv-summary/summary?from=2025-03-10T00:00:00Z&to=2025-03-11T00:00:00Z&format=csv");

        Assert.Equal(
            [
                ["type", "from", "to", "count", "bots", "sum", "uniques"],
                ["order", "2025-03-10T00:00:00Z", "2025-03-11T00:00:00Z", "1", "0", "0", "0"],
                ["pageview", "2025-03-10T00:00:00Z", "2025-03-11T00:00:00Z", "3", "0", "0", "0"],
            ],
            rows.Take(1).Concat(rows.Skip(1).OrderBy(r => r[0], StringComparer.Ordinal)));
    }

    [Fact]
    public async Task ATopAsCsvRanksTheUrlsAndQuotesAUrlWithAComma()
    {
        await StatsApi.PostAndWaitAsync(gateway, Events("csv-top"));

        var text = await GetTextAsync("/api/stats/csv-top/top?type=pageview&period=2025-03-10&format=csv");

        Assert.Equal("rank,value,count\r\n1,\"/a,b\",2\r\n2,/c,1\r\n", text);
    }

    [Fact]
    public async Task ABadRequestStaysAProblemDocument()
    {
        using var response = await gateway.Client.Http.GetAsync("/api/stats/track/csv-bad/pageview/2025/13?format=csv");

        await StatsApi.AssertProblemNamingAsync(response, "month");
    }

    [Theory]
    [InlineData("/api/stats/track/csv-bad/pageview/2025?format=xml")]
    [InlineData("/api/stats/csv-bad/summary?from=2025-03-10T00:00:00Z&to=2025-03-11T00:00:00Z&format=")]
    [InlineData("/api/stats/csv-bad/top?type=pageview&format=tsv")]
    public async Task AnUnknownFormatIs400NamingIt(string path)
    {
        using var response = await gateway.Client.Http.GetAsync(path);

        await StatsApi.AssertProblemNamingAsync(response, "format");
    }

    [Fact]
    public async Task FormatJsonAnswersJson()
    {
        var (_, body) = await StatsApi.GetAsync(gateway, "/api/stats/track/csv-json/pageview/2025?format=json");

        Assert.Equal(12, body.GetProperty("data").EnumerateObject().Count());
    }

    [Theory]
    [InlineData("/plain", "/plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("-x", "'-x")]
    [InlineData("@cmd", "'@cmd")]
    public void TextCellsAreEscapedAndFormulasDefused(string cell, string written) =>
        Assert.Equal($"value\r\n{written}\r\n", Text(new CsvTable("value").Row(cell)));

    private static string Text(CsvTable table)
    {
        var result = (Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult)table.ToResult();
        return result.ResponseContent!;
    }

    private async Task<List<string[]>> GetCsvAsync(string path) =>
        [.. (await GetTextAsync(path)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(','))];

    private async Task<string> GetTextAsync(string path)
    {
        using var response = await gateway.Client.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    private static List<CounterEvent> Events(string account) =>
    [
        Event(account, "pageview", "/a,b", "2025-03-10T04:05:06Z"),
        Event(account, "pageview", "/a,b", "2025-03-10T04:15:00Z"),
        Event(account, "pageview", "/c", "2025-03-10T23:59:59Z"),
        Event(account, "order", "/c", "2025-03-10T12:00:00Z"),
        Event(account, "pageview", "/c", "2025-12-31T12:00:00Z"),
    ];

    private static CounterEvent Event(string account, string type, string url, string timestamp) => new()
    {
        Account = account,
        Type = type,
        Url = url,
        Timestamp = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).UtcDateTime,
    };
}
