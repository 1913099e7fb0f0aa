namespace Orleans.Counters.Dashboard.Tests;

/// <summary>
/// The chart and totals of a period, in the browser, against the events posted and the API's
/// answer: a year's months, drilled down to a month's days, a day's hours and an hour's minutes, and
/// the periods before and after.
/// </summary>
[Trait("Category", "Slow")]
[Collection(DashboardCollection.Name)]
public sealed class PeriodTests(DashboardFixture dashboard)
{
    private const string Type = "pageview";

    [SkippableFact]
    public async Task FromTodayBackToTheSeededYear_ThenDownToAMinute_EveryBarIsItsEventsCount()
    {
        dashboard.Chromium.Require();
        var page = await dashboard.OpenAsync();
        var now = DateTime.UtcNow;
        Assert.Equal($"{Type}/{now:yyyy/MM/dd}", await page.ShownAsync());

        await page.ClickAsync("level-year", $"{Type}/{now.Year}");
        while (await page.ShownAsync() != $"{Type}/{SeededTraffic.Year}")
        {
            await page.ClickAsync("prev", $"{Type}/{int.Parse((await page.ShownAsync()).Split('/')[1], CultureInfo.InvariantCulture) - 1}");
        }

        await AssertShowsAsync(page, Period.Year(SeededTraffic.Year));
        await page.ScreenshotAsync("year");

        var day = SeededTraffic.LaunchDay;
        await page.OpenSegmentAsync($"{day.Month}", $"{Type}/{day:yyyy/MM}");
        await AssertShowsAsync(page, Period.Month(day.Year, day.Month));
        await page.OpenSegmentAsync($"{day.Day}", $"{Type}/{day:yyyy/MM/dd}");
        await AssertShowsAsync(page, Period.Day(day.Year, day.Month, day.Day));
        await page.ScreenshotAsync("day");
        await page.OpenSegmentAsync($"{SeededTraffic.LaunchHour}", $"{Type}/{day:yyyy/MM/dd}/{SeededTraffic.LaunchHour}");
        await AssertShowsAsync(page, Period.Hour(day.Year, day.Month, day.Day, SeededTraffic.LaunchHour));
        await page.ScreenshotAsync("hour");
    }

    [SkippableFact]
    public async Task PreviousAndNext_StepOnePeriod_AcrossMonthAndDayEnds()
    {
        dashboard.Chromium.Require();
        var page = await dashboard.OpenAsync(query: "?period=2025-03");
        await AssertShowsAsync(page, Period.Month(2025, 3));

        await page.ClickAsync("prev", $"{Type}/2025/02");
        await AssertShowsAsync(page, Period.Month(2025, 2));
        await page.ClickAsync("next", $"{Type}/2025/03");
        await page.ClickAsync("next", $"{Type}/2025/04");
        await AssertShowsAsync(page, Period.Month(2025, 4));

        // An hour before midnight, the next hour is the next day's first, and back again.
        var late = await dashboard.OpenAsync(query: "?period=2025-02-28T23");
        await AssertShowsAsync(late, Period.Hour(2025, 2, 28, 23));
        await late.ClickAsync("next", $"{Type}/2025/03/01/0");
        await AssertShowsAsync(late, Period.Hour(2025, 3, 1, 0));
        await late.ClickAsync("prev", $"{Type}/2025/02/28/23");
        await late.ClickAsync("level-day", $"{Type}/2025/02/28");
        await late.ClickAsync("next", $"{Type}/2025/03/01");
        await AssertShowsAsync(late, Period.Day(2025, 3, 1));
        await late.ClickAsync("level-year", $"{Type}/2025");
        await late.ClickAsync("next", $"{Type}/2026");
    }

    [SkippableFact]
    public async Task ThePresentPeriod_HasNoNext_AndNowComesBackToIt()
    {
        dashboard.Chromium.Require();
        var page = await dashboard.OpenAsync(query: "?period=2025-03-14");
        Assert.True(await page.ById("next").IsEnabledAsync());

        await page.ClickAsync("now", $"{Type}/{DateTime.UtcNow:yyyy/MM/dd}");

        Assert.False(await page.ById("next").IsEnabledAsync());
        var today = Period.Containing(PeriodKind.Day, DateTime.UtcNow);
        // The recent traffic: the day holds at least the last hour's events (more, once the fixture's were counted).
        Assert.True(await page.NumberAsync("total") >= 1);
        Assert.Equal((await dashboard.TrackAsync(Type, today)).GetProperty("total").GetInt64(), await page.NumberAsync("total"));
    }

    // The page's bars, total and uniques equal the events posted in the period and the API's answer.
    private async Task AssertShowsAsync(DashboardPage page, Period period)
    {
        var expected = dashboard.Traffic.Segments(Type, period);
        var api = await dashboard.TrackAsync(Type, period);
        var shown = await page.SegmentsAsync();

        Assert.Equal(period.SegmentCount, shown.Count);
        Assert.Equal(
            Enumerable.Range(0, period.SegmentCount).Select(s => (period.SegmentLabel(s).ToString(CultureInfo.InvariantCulture), expected[s])),
            shown);
        Assert.Equal(api.GetProperty("data").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).OrderBy(p => int.Parse(p.Name, CultureInfo.InvariantCulture)), shown);
        Assert.Equal(expected.Sum(), await page.NumberAsync("total"));
        Assert.Equal(api.GetProperty("total").GetInt64(), await page.NumberAsync("total"));
        var users = dashboard.Traffic.In(Type, period.Start, period.End).Select(e => e.UserId).Distinct().Count();
        Assert.Equal(users, await page.NumberAsync("uniques"));
    }
}
