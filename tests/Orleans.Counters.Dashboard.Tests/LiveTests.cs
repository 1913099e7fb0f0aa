namespace Orleans.Counters.Dashboard.Tests;

/// <summary>The live numbers: they follow events as they arrive, and their boxes do not move when they change.</summary>
[Trait("Category", "Slow")]
[Collection(DashboardCollection.Name)]
public sealed class LiveTests(DashboardFixture dashboard)
{
    private static readonly string[] LiveBoxes = ["live-minute", "live-hour", "live-day", "live-uniques"];

    [SkippableFact]
    public async Task TheLiveCounters_CountEventsWithinSeconds_AndTheirBoxesStayPut()
    {
        dashboard.Chromium.Require();
        // The minute (and so the hour) must not turn over between the reads before and after, and
        // the minute before must be in the same hour, so that the hour can differ from the minute.
        var now = DateTime.UtcNow;
        if (now.Second > 40 || now.Minute == 0)
        {
            var nextMinute = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute)).AddMinutes(now.Minute == 0 ? 1 : now.Minute == 59 ? 2 : 1);
            await Task.Delay(nextMinute - now + TimeSpan.FromSeconds(1));
        }

        // Any period: the live numbers are always the present's. This one makes the README's picture.
        var page = await dashboard.OpenAsync(query: "?period=2025-10");
        await Assertions.Expect(page.ById("live-status")).ToContainTextAsync("updated");
        var before = await LiveAsync(page);
        Assert.Equal(await RealtimeAsync(), before[..3]);
        var boxes = await BoxesAsync(page);
        var user = "live-" + Guid.NewGuid().ToString("N")[..8];

        await dashboard.Api.PostAsync(Events(4, user + "-earlier", TimeSpan.FromMinutes(-1)));
        await Assertions.Expect(page.ById("live-hour")).ToHaveTextAsync(DashboardPage.Count(before[1] + 4), new() { Timeout = 5_000 });
        Assert.Equal(before[0], await page.NumberAsync("live-minute"));
        await dashboard.Api.PostAsync(Events(3, user + "-a"));
        await Assertions.Expect(page.ById("live-minute")).ToHaveTextAsync(DashboardPage.Count(before[0] + 3), new() { Timeout = 5_000 });
        await dashboard.Api.PostAsync(Events(9, user + "-b"));
        await Assertions.Expect(page.ById("live-minute")).ToHaveTextAsync(DashboardPage.Count(before[0] + 12), new() { Timeout = 5_000 });

        var after = await LiveAsync(page);
        Assert.Equal([before[0] + 12, before[1] + 16, before[2] + 16, before[3] + 3], after);
        Assert.Equal(await RealtimeAsync(), after[..3]);
        Assert.Equal(boxes, await BoxesAsync(page));
        Assert.Equal("polite", await page.Page.Locator(".live-grid").GetAttributeAsync("aria-live"));
        await page.ScreenshotAsync("live");
    }

    private static async Task<decimal[]> LiveAsync(DashboardPage page) =>
        [await page.NumberAsync("live-minute"), await page.NumberAsync("live-hour"), await page.NumberAsync("live-day"), await page.NumberAsync("live-uniques")];

    private async Task<decimal[]> RealtimeAsync()
    {
        var realtime = await dashboard.Api.Http.GetFromJsonAsync<JsonElement>($"/api/stats/{DashboardFixture.Account}/realtime?type=pageview");
        return [realtime.GetProperty("minute").GetInt64(), realtime.GetProperty("hour").GetInt64(), realtime.GetProperty("day").GetInt64()];
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

    private static List<CounterEvent> Events(int count, string user, TimeSpan? ago = null) =>
        [.. Enumerable.Range(0, count).Select(i => new CounterEvent
        {
            Account = DashboardFixture.Account,
            Type = "pageview",
            Url = i % 2 == 0 ? "/" : "/pricing",
            Timestamp = DateTime.UtcNow + (ago ?? TimeSpan.Zero),
            UserId = user,
        })];
}
