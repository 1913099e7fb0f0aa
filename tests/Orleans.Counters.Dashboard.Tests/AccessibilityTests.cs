namespace Orleans.Counters.Dashboard.Tests;

/// <summary>The page at a phone's width, and with a keyboard alone.</summary>
[Trait("Category", "Slow")]
[Collection(DashboardCollection.Name)]
public sealed class AccessibilityTests(DashboardFixture dashboard)
{
    private static readonly string[] Controls = ["type-select", "level-year", "level-month", "level-day", "level-hour", "prev", "now", "next", "segment"];

    [SkippableFact]
    public async Task AtAPhonesWidth_NothingIsWiderThanTheScreen()
    {
        dashboard.Chromium.Require();
        var page = await dashboard.OpenAsync(width: 375, height: 812);

        // The hour's shown name ends in its index from midnight; the prefix is today's.
        foreach (var (control, shown) in new[] { ("level-year", "pageview/" + DateTime.UtcNow.Year), ("level-hour", $"pageview/{DateTime.UtcNow:yyyy/MM/dd}/") })
        {
            var overflow = await page.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.Equal(0, overflow);
            await page.ById(control).ClickAsync();
            await page.Page.Locator($"[data-testid=period][data-period^=\"{shown}\"]").WaitForAsync(new() { Timeout = 15_000 });
        }

        await page.ScreenshotAsync("phone");
        Assert.Equal(0, await page.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        var chart = (await page.ById("chart").Locator("svg").BoundingBoxAsync(new() { Timeout = 15_000 }))!;
        Assert.InRange(chart.X + chart.Width, 300, 375);
    }

    [SkippableFact]
    public async Task Tab_ReachesEveryControl_WithAVisibleFocus_AndEnterOpensABar()
    {
        dashboard.Chromium.Require();
        var page = await dashboard.OpenAsync(query: "?period=2025");

        var reached = new List<string>();
        for (var i = 0; i < 20 && !Controls.All(reached.Contains); i++)
        {
            await page.Page.Keyboard.PressAsync("Tab");
            // A bar shows its focus as a stroke round it (SVG), a control as an outline.
            var focused = await page.Page.EvaluateAsync<string[]>(
                """
                (() => {
                  const e = document.activeElement;
                  const bar = e.matches('.bar');
                  const style = getComputedStyle(bar ? e.querySelector('.hit') : e);
                  return [e.dataset.testid ?? e.tagName, String(e.matches(':focus-visible')), bar ? style.strokeWidth : style.outlineWidth];
                })()
                """);
            reached.Add(focused[0]);
            Assert.True(focused[1] == "true", $"{focused[0]} has focus but no visible focus");
            Assert.True(DashboardPage.ParseNumber(focused[2]) >= 2, $"{focused[0]}'s focus ring is {focused[2]} wide");
        }

        Assert.All(Controls, control => Assert.Contains(control, reached));

        // The chart's bars are one tab stop: arrows move within it, Enter opens the bar.
        while (await page.Page.EvaluateAsync<string>("document.activeElement.dataset.testid") != "segment")
        {
            await page.Page.Keyboard.PressAsync("Shift+Tab");
        }

        await page.Page.Keyboard.PressAsync("Home");
        await page.Page.Keyboard.PressAsync("ArrowRight");
        await page.Page.Keyboard.PressAsync("ArrowRight");
        await page.Page.Keyboard.PressAsync("Enter");
        await page.WaitForPeriodAsync("pageview/2025/03");
        Assert.Equal("March 2025", await page.ById("period-title").InnerTextAsync());
    }
}
