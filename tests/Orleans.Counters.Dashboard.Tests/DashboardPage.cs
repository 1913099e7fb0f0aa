using System.Text.RegularExpressions;

namespace Orleans.Counters.Dashboard.Tests;

/// <summary>
/// The dashboard as a user sees it in the browser: its controls by their <c>data-testid</c>, and the
/// numbers it shows read back from the page's text.
/// </summary>
public sealed partial class DashboardPage(IPage page)
{
    /// <summary>Where screenshots go: the repository's TestResults (ignored by git), kept as test artefacts.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryPaths.Root, "TestResults", "dashboard");

    /// <summary>The browser page.</summary>
    public IPage Page => page;

    /// <summary>Opens <c>/dashboard/{account}</c> (with an optional fragment such as <c>key=…</c>) and waits for its first period.</summary>
    public static async Task<DashboardPage> OpenAsync(IPage page, Uri gateway, string account, string? fragment = null, bool waitForPeriod = true)
    {
        var dashboard = new DashboardPage(page);
        await page.GotoAsync(new Uri(gateway, $"/dashboard/{account}" + (fragment is null ? "" : "#" + fragment)).ToString());
        if (waitForPeriod)
        {
            await dashboard.WaitForPeriodAsync(null);
        }

        return dashboard;
    }

    /// <summary>The element of a test id.</summary>
    public ILocator ById(string testId) => page.GetByTestId(testId);

    /// <summary>Waits until the page shows a period completely; <paramref name="shown"/> such as <c>pageview/2025/03</c>, or any.</summary>
    public async Task WaitForPeriodAsync(string? shown)
    {
        var selector = shown is null ? "[data-testid=period][data-period]" : $"[data-testid=period][data-period=\"{shown}\"]";
        await page.Locator(selector).WaitForAsync(new() { Timeout = 15_000 });
    }

    /// <summary>The period shown, as <c>type/year[/month[/day[/hour]]]</c>.</summary>
    public async Task<string> ShownAsync() => (await ById("period").GetAttributeAsync("data-period"))!;

    /// <summary>The number an element shows, its thousands separators dropped.</summary>
    public async Task<decimal> NumberAsync(string testId) => ParseNumber(await ById(testId).InnerTextAsync());

    /// <summary>The chart's bars: each one's label in the API's data and the count its accessible name says.</summary>
    public async Task<IReadOnlyList<(string Label, long Count)>> SegmentsAsync()
    {
        var bars = await page.Locator("[data-testid=segment]").EvaluateAllAsync<string[][]>(
            "bars => bars.map(bar => [bar.dataset.label, bar.getAttribute('aria-label'), bar.dataset.count])");
        return [.. bars.Select(bar =>
        {
            // The accessible name ends "…: 1,234 events"; the bar's height is drawn from data-count.
            var spoken = (long)ParseNumber(bar[1][(bar[1].LastIndexOf(':') + 1)..]);
            Assert.Equal(bar[2], spoken.ToString(CultureInfo.InvariantCulture));
            return (bar[0], spoken);
        })];
    }

    /// <summary>A top list's rows (<c>top-pages</c> or <c>top-referrers</c>) as shown.</summary>
    public async Task<IReadOnlyList<(string Value, long Count)>> TopAsync(string list)
    {
        var rows = ById(list).GetByTestId("top-item");
        var values = await rows.GetByTestId("top-value").AllInnerTextsAsync();
        var counts = await rows.GetByTestId("top-count").AllInnerTextsAsync();
        return [.. values.Zip(counts, (value, count) => (value, (long)ParseNumber(count)))];
    }

    /// <summary>Clicks a control and waits for the period it leads to.</summary>
    public async Task ClickAsync(string testId, string shown)
    {
        await ById(testId).ClickAsync();
        await WaitForPeriodAsync(shown);
    }

    /// <summary>Clicks the chart's bar of a segment label and waits for the period it opens.</summary>
    public async Task OpenSegmentAsync(string label, string shown)
    {
        await page.Locator($"[data-testid=segment][data-label=\"{label}\"]").ClickAsync();
        await WaitForPeriodAsync(shown);
    }

    /// <summary>Saves a full-page screenshot under <see cref="ScreenshotFolder"/>.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>A count as the page writes it: 12,345.</summary>
    public static string Count(decimal count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A number as the page writes it: "12,345", "1,234.5".</summary>
    public static decimal ParseNumber(string text)
    {
        var digits = NumberText().Match(text.Replace(",", "", StringComparison.Ordinal));
        Assert.True(digits.Success, $"no number in '{text}'");
        return decimal.Parse(digits.Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberText();
}
