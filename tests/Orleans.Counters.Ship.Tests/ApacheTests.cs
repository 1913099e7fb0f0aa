using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Orleans.Counters.Ship.Tests;

/// <summary>
/// The tool as a real Apache httpd runs it: <c>CustomLog "|dotnet Orleans.Counters.Ship.dll …" combined</c>,
/// with pages requested over HTTP and counted by the real gateway.
/// </summary>
[Trait("Category", "Slow")]
[Collection(ShipGatewayCollection.Name)]
public sealed partial class ApacheTests(ShipGatewayFixture gateway, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string> Site = new()
    {
        ["index.html"] = "<!doctype html><title>home</title>",
        ["about.html"] = "<!doctype html><title>about</title>",
        ["products/42.html"] = "<!doctype html><title>product 42</title>",
        ["blog/index.html"] = "<!doctype html><title>blog</title>",
        ["style.css"] = "body { color: #333 }",
    };

    [SkippableFact]
    public async Task EveryPageApacheServedIsCountedOnceUnderItsUrl()
    {
        var account = ShipGatewayFixture.NewAccount("apache");
        var logger = $"|{DotnetHost.Path} {DotnetHost.ShipDll} --gateway {gateway.Url} --account {account} --flush-interval 200ms --salt apache-test";
        await using var apache = await ApacheServer.StartAsync(logger, Site);
        using var browser = new HttpClient { BaseAddress = apache.BaseAddress };
        browser.DefaultRequestHeaders.UserAgent.ParseAdd(AccessLines.Browser);
        (HttpMethod Method, string Path, HttpStatusCode Status, int Times)[] requests =
        [
            (HttpMethod.Get, "/", HttpStatusCode.OK, 6),
            (HttpMethod.Get, "/about.html", HttpStatusCode.OK, 4),
            (HttpMethod.Get, "/about.html?utm_source=mail", HttpStatusCode.OK, 3),
            (HttpMethod.Get, "/products/42.html", HttpStatusCode.OK, 5),
            (HttpMethod.Get, "/blog/", HttpStatusCode.OK, 3),
            (HttpMethod.Get, "/style.css", HttpStatusCode.OK, 2),
            (HttpMethod.Get, "/missing.html", HttpStatusCode.NotFound, 4),
            (HttpMethod.Get, "/products/7.html", HttpStatusCode.NotFound, 2),
            (HttpMethod.Head, "/", HttpStatusCode.OK, 2),
        ];

        var started = DateTime.UtcNow;
        foreach (var (method, path, status, times) in requests)
        {
            for (var i = 0; i < times; i++)
            {
                using var request = new HttpRequestMessage(method, path);
                request.Headers.Referrer = new Uri("https://www.example.com/search?q=counters");
                using var response = await browser.SendAsync(request);
                Assert.Equal(status, response.StatusCode);
            }
        }

        // A crawler's visits are shipped too, and counted apart, as bots.
        using var crawler = new HttpClient { BaseAddress = apache.BaseAddress };
        crawler.DefaultRequestHeaders.UserAgent.ParseAdd(Googlebot);
        for (var i = 0; i < CrawlerVisits; i++)
        {
            using var response = await crawler.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var ended = DateTime.UtcNow;
        await apache.StopAsync();

        // What the default filter counts: GETs answered 2xx/3xx, under their path without the query string.
        var expected = requests.Where(r => r.Method == HttpMethod.Get && r.Status == HttpStatusCode.OK)
            .GroupBy(r => r.Path.Split('?')[0])
            .ToDictionary(g => g.Key, g => (long)g.Sum(r => r.Times));
        var made = requests.Sum(r => r.Times);
        var finished = await Eventually.ReadAsync(() => Task.FromResult(apache.ErrorLog), log => log.Contains("counters-ship: finished:"), Timeout);
        Assert.True(finished.Contains("counters-ship: finished:"), $"the shipper did not finish after Apache stopped:\n{finished}");
        var shipped = long.Parse(ShippedPattern().Match(finished).Groups[1].Value);

        var days = new[] { started, ended };
        var total = await Eventually.ReadAsync(() => gateway.DayTotalAsync(account, days), t => t >= expected.Values.Sum(), Timeout);
        var counted = new Dictionary<string, long>();
        foreach (var url in expected.Keys.Append("/missing.html").Append("/products/7.html"))
        {
            counted[url] = await gateway.DayTotalAsync(account, days, url);
        }

        output.WriteLine($"requests made: {made} ({expected.Values.Sum()} counted by the default filter); shipper: {finished.Trim()}");
        output.WriteLine("per URL, expected → counted: " + string.Join(", ", counted.Select(c => $"{c.Key} {expected.GetValueOrDefault(c.Key)} → {c.Value}")));
        Assert.Equal(expected.Values.Sum() + CrawlerVisits, shipped);
        Assert.Equal(expected.Values.Sum(), total);
        // One browser from one address is one user; every counted visit came from the search page.
        var day = await gateway.Client.Http.GetFromJsonAsync<JsonElement>($"/api/stats/track/{account}/{ShipOptions.DefaultType}/{started:yyyy/MM/dd}");
        if (started.Date == ended.Date)
        {
            Assert.Equal((long)CrawlerVisits, day.GetProperty("bots").GetInt64());
            Assert.Equal(1, day.GetProperty("uniques").GetInt64());
            var referrers = await gateway.Client.Http.GetFromJsonAsync<JsonElement>($"/api/stats/{account}/top?type={ShipOptions.DefaultType}&by=referrer&period={started:yyyy-MM-dd}");
            var top = referrers.GetProperty("items")[0];
            Assert.Equal(("example.com", expected.Values.Sum()), (top.GetProperty("value").GetString(), top.GetProperty("count").GetInt64()));
        }

        foreach (var (url, count) in counted)
        {
            Assert.True(expected.GetValueOrDefault(url) == count, $"{url}: expected {expected.GetValueOrDefault(url)}, counted {count}");
        }

        Assert.Contains($"{requests.Where(r => r.Status != HttpStatusCode.OK || r.Method != HttpMethod.Get).Sum(r => r.Times)} filtered out", finished);
    }

    private const int CrawlerVisits = 3;
    private const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    [GeneratedRegex(@"finished: shipped (\d+) events")]
    private static partial Regex ShippedPattern();
}
