namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// Past an account's caps on URLs and types the API answers <c>(other)</c> for the rest: in the top list,
/// the summary and as a type to read, adding up to the exact totals.
/// </summary>
public sealed class OverflowApiTests(CappedGatewayFixture gateway) : IClassFixture<CappedGatewayFixture>
{
    private const string Account = "overflow-api";
    private static readonly DateTime Hour = new(2025, 3, 4, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task PastTheCapsTheRestCountsAsOtherAndAddsUpToTheTotals()
    {
        // 12 URLs of pageview, the i-th with i + 1 events; 4 clicks and 5 signups, a third type.
        List<CounterEvent> events =
        [
            .. Enumerable.Range(0, 12).SelectMany(i => Enumerable.Range(0, i + 1).Select(n => Event("pageview", $"/page/{i}", Hour.AddMinutes(n)))),
            .. Enumerable.Range(0, 4).Select(n => Event("click", "/page/0", Hour.AddMinutes(n))),
            .. Enumerable.Range(0, 5).Select(n => Event("signup", "/welcome", Hour.AddMinutes(n))),
        ];
        var pageviews = events.Count(e => e.Type == "pageview");
        await gateway.Client.PostAsync(events);
        var day = Period.Containing(PeriodKind.Day, Hour);
        foreach (var (type, count) in new[] { ("pageview", pageviews), ("click", 4), (SeriesId.Overflow, 5) })
        {
            var counts = await Eventually.ReadAsync(() => gateway.Client.TrackAsync(SeriesKey.AllUrlsOf(Account, type), day), c => c.Total == count, TimeSpan.FromSeconds(30));
            Assert.Equal(count, counts.Total);
        }

        // The URL series live in other shards than the type's "*" waited for above, and report on their own ticks:
        // the total and the items each settle when their own shard's day has its report.
        var top = await Eventually.ReadAsync(
            () => GetAsync($"/api/stats/{Account}/top?type=pageview&period=2025-03-04&limit=1000"),
            t => t.GetProperty("total").GetInt64() == pageviews && ItemsSum(t) == pageviews,
            TimeSpan.FromSeconds(30));
        var items = top.GetProperty("items").EnumerateArray().Select(item => (Value: item.GetProperty("value").GetString()!, Count: item.GetProperty("count").GetInt64())).ToList();
        Assert.Equal(pageviews, top.GetProperty("total").GetInt64());
        Assert.Equal(pageviews, items.Sum(item => item.Count));
        Assert.Contains(items, item => item.Value == SeriesId.Overflow && item.Count > 0);
        Assert.Equal(items.Count - 1, top.GetProperty("distinct").GetInt32());
        Assert.True(items.Count - 1 <= CappedGatewayFixture.MaxUrlsPerHour, $"{items.Count - 1} URLs kept");

        var summary = await Eventually.ReadAsync(
            () => GetAsync($"/api/stats/{Account}/summary?from=2025-03-04T00:00:00Z&to=2025-03-05T00:00:00Z"),
            s => s.GetProperty("counts").TryGetProperty("pageview", out var p) && p.GetInt64() == pageviews,
            TimeSpan.FromSeconds(30));
        var counted = summary.GetProperty("counts");
        Assert.True(pageviews == counted.GetProperty("pageview").GetInt64(), summary.ToString());
        Assert.Equal(4, counted.GetProperty("click").GetInt64());
        Assert.Equal(5, counted.GetProperty(SeriesId.Overflow).GetInt64());
        Assert.False(counted.TryGetProperty("signup", out _));

        // The type (other) is read like any other: its URLs (here past the URL cap too) add up to its count.
        var otherTop = await Eventually.ReadAsync(
            () => GetAsync($"/api/stats/{Account}/top?type={Uri.EscapeDataString(SeriesId.Overflow)}&period=2025-03-04"),
            t => t.GetProperty("total").GetInt64() == 5 && ItemsSum(t) == 5,
            TimeSpan.FromSeconds(30));
        Assert.Equal(5, otherTop.GetProperty("total").GetInt64());
        Assert.Equal(5, ItemsSum(otherTop));
    }

    private static long ItemsSum(JsonElement top) => top.GetProperty("items").EnumerateArray().Sum(item => item.GetProperty("count").GetInt64());

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await gateway.Client.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static CounterEvent Event(string type, string url, DateTime at) => new() { Account = Account, Type = type, Url = url, Timestamp = at };
}
