namespace Orleans.Counters.Abstractions.Tests;

/// <summary>
/// Nothing after now + MaxFutureSkew (and a day's margin for other gateways' clocks) can hold counts;
/// everything before can, however old: events accepted long ago may be dated MaxAge before then.
/// </summary>
public sealed class CountWindowTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 14, 30, 45, DateTimeKind.Utc);

    private readonly CountWindow _window = CountWindow.At(Now, new EventLimits());

    [Fact]
    public void Latest_IsNowPlusTheFutureSkewAndADay_RoundedToTheMinute() =>
        Assert.Equal(new DateTime(2026, 12, 4, 14, 35, 0, DateTimeKind.Utc), _window.Latest);

    [Fact]
    public void Latest_FollowsTheConfiguredSkew() =>
        Assert.Equal(new DateTime(2026, 12, 4, 15, 30, 0, DateTimeKind.Utc), CountWindow.At(Now, new EventLimits { MaxFutureSkew = TimeSpan.FromHours(1) }).Latest);

    [Theory]
    [InlineData("1970")]
    [InlineData("2024")]
    [InlineData("2026")]
    [InlineData("2026-12")]
    [InlineData("2026-12-04")]
    [InlineData("2026-12-04T14")]
    public void PeriodsStartingBeforeLatest_CanHoldCounts(string period) => Assert.True(_window.CanHold(Period.Parse(period)));

    [Theory]
    [InlineData("2027")]
    [InlineData("9998")]
    [InlineData("2026-12-05")]
    [InlineData("2026-12-04T15")]
    public void PeriodsStartingAfterLatest_CannotHoldCounts(string period) => Assert.False(_window.CanHold(Period.Parse(period)));

    [Fact]
    public void AZonedPeriod_IsJudgedByItsInstants()
    {
        // 5 December in Kiritimati (UTC+14) starts 4 December 10:00 UTC, before Latest; in UTC it starts after.
        Assert.True(_window.CanHold(Period.Day(2026, 12, 5, "Pacific/Kiritimati")));
        Assert.False(_window.CanHold(Period.Day(2026, 12, 5)));
    }

    [Fact]
    public void Clamp_BringsALaterEndBackToLatest_AndKeepsAnEarlierOne()
    {
        Assert.Equal(_window.Latest, _window.Clamp(new DateTime(9998, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(Now, _window.Clamp(Now));
    }

    [Fact]
    public void AClampedRange_IsCoveredByFewSlices()
    {
        var far = RangeCover.Cover(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), _window.Clamp(new DateTime(9998, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        Assert.True(far.Count < 10, $"{far.Count} slices");
    }
}
