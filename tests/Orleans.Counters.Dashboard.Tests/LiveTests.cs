namespace Orleans.Counters.Dashboard.Tests;

/// <summary>The live numbers: they follow events as they arrive, and their boxes do not move when they change.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveTests(DashboardFixture dashboard)
{
    private static readonly string[] LiveBoxes = ["live-minute", "live-hour", "live-day", "live-uniques"];

    [SkippableFact]
    public async Task TheLiveCounters_CountEventsWithinSeconds_AndTheirBoxesStayPut()
    {
        dashboard.Chromium.Require();
        var account = "live-" + Guid.NewGuid().ToString("N")[..8];
        // Minute and hour must not turn over between the posts and the reads.
        var now = DateTime.UtcNow;
        if (now.Second > 45)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - now.Second));
        }

        var page = await dashboard.OpenAsync(account);
        await Assertions.Expect(page.ById("live-status")).ToContainTextAsync("updated");
        Assert.Equal(0, await page.NumberAsync("live-minute"));
        var boxes = await BoxesAsync(page);

        await dashboard.Api.PostAsync(Events(account, 3, "first"));
        await Assertions.Expect(page.ById("live-minute")).ToHaveTextAsync("3", new() { Timeout = 5_000 });
        await dashboard.Api.PostAsync(Events(account, 1234, "second"));
        await Assertions.Expect(page.ById("live-minute")).ToHaveTextAsync("1,237", new() { Timeout = 5_000 });

        Assert.Equal(1237, await page.NumberAsync("live-hour"));
        Assert.Equal(1237, await page.NumberAsync("live-day"));
        Assert.Equal(2, await page.NumberAsync("live-uniques"));
        var realtime = await dashboard.Api.Http.GetFromJsonAsync<JsonElement>($"/api/stats/{account}/realtime?type=pageview");
        Assert.Equal(realtime.GetProperty("minute").GetInt64(), await page.NumberAsync("live-minute"));
        Assert.Equal(realtime.GetProperty("hour").GetInt64(), await page.NumberAsync("live-hour"));
        Assert.Equal(boxes, await BoxesAsync(page));
        Assert.Equal("polite", await page.Page.Locator(".live-grid").GetAttributeAsync("aria-live"));
    }

    private static async Task<List<string>> BoxesAsync(DashboardPage page)
    {
        var boxes = new List<string>();
        foreach (var id in LiveBoxes)
        {
            var box = (await page.ById(id).BoundingBoxAsync())!;
            boxes.Add($"{id}: {box.X},{box.Y} {box.Width}x{box.Height}");
        }

        return boxes;
    }

    private static List<CounterEvent> Events(string account, int count, string user) =>
        [.. Enumerable.Range(0, count).Select(_ => new CounterEvent
        {
            Account = account,
            Type = "pageview",
            Url = "/",
            Timestamp = DateTime.UtcNow,
            UserId = user,
        })];
}
