using Orleans.Counters.Gateway.Stats;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>The <c>period</c> parameter's names, resolved against a fixed "now" in UTC and in other zones.</summary>
public sealed class PeriodNamesTests
{
    private const string Kolkata = "Asia/Kolkata";
    private const string NewYork = "America/New_York";

    // 00:10 on 10 March in Kolkata; still 9 March in UTC.
    private static readonly DateTime KolkataJustAfterMidnight = new(2025, 3, 9, 18, 40, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("today", "2025-03-09T18:30:00", "2025-03-10T18:30:00")]
    [InlineData("yesterday", "2025-03-08T18:30:00", "2025-03-09T18:30:00")]
    [InlineData("7d", "2025-03-02T18:30:00", "2025-03-09T18:30:00")]
    [InlineData("30d", "2025-02-07T18:30:00", "2025-03-09T18:30:00")]
    [InlineData("month", "2025-02-28T18:30:00", "2025-03-31T18:30:00")]
    [InlineData("year", "2024-12-31T18:30:00", "2025-12-31T18:30:00")]
    [InlineData("2024", "2023-12-31T18:30:00", "2024-12-31T18:30:00")]
    [InlineData("2024-02", "2024-01-31T18:30:00", "2024-02-29T18:30:00")]
    [InlineData("2024-02-29", "2024-02-28T18:30:00", "2024-02-29T18:30:00")]
    public void Names_ResolveToWholeLocalDays(string name, string start, string end)
    {
        var range = PeriodNames.Resolve(name, KolkataJustAfterMidnight, Kolkata);

        Assert.NotNull(range);
        Assert.Equal((Utc(start), Utc(end)), (range.Start, range.End));
        Assert.Equal(name, range.Name);
    }

    [Fact]
    public void InUtc_TheSameInstantIsStillTheDayBefore()
    {
        var today = PeriodNames.Resolve("today", KolkataJustAfterMidnight, zone: null)!;

        Assert.Equal((Utc("2025-03-09T00:00:00"), Utc("2025-03-10T00:00:00")), (today.Start, today.End));
    }

    [Fact]
    public void SevenDays_AreTheSevenWholeDaysBeforeToday_AcrossADaylightSavingChange()
    {
        // 2024-03-10 has 23 hours in New York; "now" is 2024-03-12 09:00 there.
        var range = PeriodNames.Resolve("7d", new DateTime(2024, 3, 12, 13, 0, 0, DateTimeKind.Utc), NewYork)!;

        Assert.Equal(Period.Day(2024, 3, 5, NewYork).Start, range.Start);
        Assert.Equal(Period.Day(2024, 3, 12, NewYork).Start, range.End);
        Assert.Equal(7, range.Days().Count());
        Assert.Equal(7 * 24 - 1, TimeSeries.PointCount(range, SeriesInterval.Hour));
        Assert.Null(range.Calendar);
    }

    [Theory]
    [InlineData("today", SeriesInterval.Hour)]
    [InlineData("2025-03-01", SeriesInterval.Hour)]
    [InlineData("7d", SeriesInterval.Day)]
    [InlineData("30d", SeriesInterval.Day)]
    [InlineData("month", SeriesInterval.Day)]
    [InlineData("year", SeriesInterval.Month)]
    public void EachPeriod_HasADefaultInterval(string name, SeriesInterval interval) =>
        Assert.Equal(interval, PeriodNames.Resolve(name, KolkataJustAfterMidnight, Kolkata)!.DefaultInterval);

    [Theory]
    [InlineData("")]
    [InlineData("Today")]
    [InlineData("1d")]
    [InlineData("7D")]
    [InlineData("week")]
    [InlineData("25")]
    [InlineData("1969")]
    [InlineData("2025-2")]
    [InlineData("2025-13")]
    [InlineData("2025-02-29")]
    [InlineData("2025-02-01-01")]
    [InlineData("2025-02-01T00")]
    [InlineData("+2025")]
    public void AnythingElse_NamesNoPeriod(string name) =>
        Assert.Null(PeriodNames.Resolve(name, KolkataJustAfterMidnight, Kolkata));

    [Theory]
    [InlineData("2026-11-23", SeriesInterval.Minute, 1440)]
    [InlineData("2026-11-01", SeriesInterval.Minute, 1500)]
    [InlineData("2026-03-08", SeriesInterval.Minute, 1380)]
    [InlineData("2026-11", SeriesInterval.Hour, 30 * 24 + 1)]
    [InlineData("2026", SeriesInterval.Day, 365)]
    [InlineData("2026", SeriesInterval.Hour, 365 * 24)]
    [InlineData("2026", SeriesInterval.Month, 12)]
    public void PointCounts_FollowTheLocalCalendar(string name, SeriesInterval interval, long points) =>
        Assert.Equal(points, TimeSeries.PointCount(PeriodNames.Resolve(name, KolkataJustAfterMidnight, NewYork)!, interval));

    [Fact]
    public void ADayOfMinutes_FitsThePointCap_TwoDaysDoNot()
    {
        var longestDay = PeriodNames.Resolve("2026-11-01", KolkataJustAfterMidnight, NewYork)!;
        var week = PeriodNames.Resolve("7d", KolkataJustAfterMidnight, NewYork)!;

        Assert.True(TimeSeries.PointCount(longestDay, SeriesInterval.Minute) <= TimeSeries.MaxPoints);
        Assert.True(TimeSeries.PointCount(week, SeriesInterval.Minute) > TimeSeries.MaxPoints);
        Assert.True(TimeSeries.PointCount(week, SeriesInterval.Hour) <= TimeSeries.MaxPoints);
    }

    private static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
