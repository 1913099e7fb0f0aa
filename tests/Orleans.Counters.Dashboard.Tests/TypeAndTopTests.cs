namespace Orleans.Counters.Dashboard.Tests;

/// <summary>The event type switcher, the sums and uniques beside a count, and the top pages and referrers.</summary>
[Trait("Category", "Slow")]
[Collection(DashboardCollection.Name)]
public sealed class TypeAndTopTests(DashboardFixture dashboard)
{
    private static readonly Period Year = Period.Year(SeededTraffic.Year);

    [SkippableFact]
    public async Task TheTypeSwitcher_OffersEveryTypeSent_AndShowsEachOnesCountSumAndUsers()
    {
        dashboard.Chromium.Require();
        var page = await dashboard.OpenAsync(query: "?period=2025");

        Assert.Equal(["order", "pageview", "signup"], await page.ById("type-select").Locator("option").AllInnerTextsAsync());
        Assert.True(await page.ById("sum-box").IsHiddenAsync(), "pageviews have no values to sum");

        await page.ById("type-select").SelectOptionAsync("order");
        await page.WaitForPeriodAsync("order/2025");
        var orders = dashboard.Traffic.In("order", Year.Start, Year.End).ToList();
        var api = await dashboard.TrackAsync("order", Year);
        Assert.Equal(orders.Count, await page.NumberAsync("total"));
        Assert.Equal(api.GetProperty("total").GetInt64(), await page.NumberAsync("total"));
        Assert.True(await page.ById("sum-box").IsVisibleAsync());
        var sum = orders.Sum(e => (decimal)e.Value!.Value);
        Assert.Equal(sum, await page.NumberAsync("sum"));
        Assert.Equal(api.GetProperty("sum").GetDecimal(), await page.NumberAsync("sum"));
        Assert.Equal(orders.Select(e => e.UserId).Distinct().Count(), await page.NumberAsync("uniques"));
        Assert.Equal("order events", await page.ById("total-label").InnerTextAsync(), StringComparer.OrdinalIgnoreCase);
        await page.ScreenshotAsync("orders");

        await page.ById("type-select").SelectOptionAsync("signup");
        await page.WaitForPeriodAsync("signup/2025");
        Assert.Equal(dashboard.Traffic.In("signup", Year.Start, Year.End).Count(), await page.NumberAsync("total"));
        Assert.True(await page.ById("sum-box").IsHiddenAsync());
    }

    [SkippableFact]
    public async Task TopPagesAndReferrers_AreThePeriodsLargest_AsTheApiRanksThem()
    {
        dashboard.Chromium.Require();
        foreach (var (query, period) in new[] { ("2025", Year), ("2025-03-14", Period.Day(2025, 3, 14)), ("2025-03-14T14", Period.Day(2025, 3, 14)) })
        {
            var page = await dashboard.OpenAsync(query: "?period=" + query);

            var pages = await page.TopAsync("top-pages");
            var referrers = await page.TopAsync("top-referrers");

            Assert.Equal(dashboard.Traffic.Top("pageview", period, e => e.Url).Take(10), pages);
            Assert.Equal(dashboard.Traffic.Top("pageview", period, SeededTraffic.Site).Take(10), referrers);
            var api = await dashboard.Api.Http.GetFromJsonAsync<JsonElement>(
                $"/api/stats/{DashboardFixture.Account}/top?type=pageview&by=referrer&limit=10&period={period.ToString().Split('@')[0]}");
            Assert.Equal(api.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("value").GetString()!, i.GetProperty("count").GetInt64())), referrers);
            Assert.Contains("google.com", referrers.Select(r => r.Value));
        }
    }

    [SkippableFact]
    public async Task At1280By900_BothTopLists_AreOnTheFirstScreen()
    {
        dashboard.Chromium.Require();
        var page = await dashboard.OpenAsync(query: "?period=2025", width: 1280, height: 900);

        foreach (var list in new[] { "top-pages", "top-referrers" })
        {
            var items = page.ById(list).GetByTestId("top-item");
            Assert.InRange(await items.CountAsync(), 5, 10);
            var last = await items.Last.BoundingBoxAsync();
            Assert.NotNull(last);
            Assert.True(last.Y + last.Height <= 900, $"{list}'s last item ends at {last.Y + last.Height} px, below the first 900 px");
        }

        await page.ScreenshotAsync("top-lists-1280x900");
    }
}
