namespace Orleans.Counters.Abstractions.Tests;

/// <summary>Periods in an account's time zone: local days, daylight-saving days of 23 and 25 hours, half-hour offsets.</summary>
public sealed class ZonedPeriodTests
{
    private const string NewYork = "America/New_York";
    private const string Kolkata = "Asia/Kolkata";
    private const string London = "Europe/London";
    private const string Santiago = "America/Santiago";

    [Fact]
    public void TheDayDaylightSavingStarts_Has23Hours()
    {
        var day = Period.Day(2024, 3, 10, NewYork);

        Assert.Equal(Utc(2024, 3, 10, 5), day.Start);
        Assert.Equal(Utc(2024, 3, 11, 4), day.End);
        Assert.Equal(23, day.SegmentCount);
        // Hour 2 counts from midnight: the clock jumped from 02:00 to 03:00 EDT, which is 07:00 UTC.
        Assert.Equal(Utc(2024, 3, 10, 7), day.Child(2).Start);
    }

    [Fact]
    public void TheDayDaylightSavingEnds_Has25Hours()
    {
        var day = Period.Day(2024, 11, 3, NewYork);

        Assert.Equal(Utc(2024, 11, 3, 4), day.Start);
        Assert.Equal(Utc(2024, 11, 4, 5), day.End);
        Assert.Equal(25, day.SegmentCount);
        Assert.Equal(Utc(2024, 11, 4, 4), day.Child(24).Start);
        Assert.Equal(day.End, day.Child(24).End);
    }

    [Fact]
    public void LondonsAutumnDay_Has25Hours_AndItsSpringDay23() =>
        Assert.Equal((25, 23), (Period.Day(2024, 10, 27, London).SegmentCount, Period.Day(2024, 3, 31, London).SegmentCount));

    [Fact]
    public void ADayWhoseMidnightIsSkipped_StartsWhenTheClockJumps()
    {
        // Chile moved its clocks from 00:00 to 01:00 on 2024-09-08: the day starts at the jump.
        var day = Period.Day(2024, 9, 8, Santiago);

        Assert.Equal(Utc(2024, 9, 8, 4), day.Start);
        Assert.Equal(23, day.SegmentCount);
        Assert.Equal(day, Period.Containing(PeriodKind.Day, day.Start, Santiago));
        Assert.Equal(Period.Day(2024, 9, 7, Santiago).End, day.Start);
    }

    [Fact]
    public void AHalfHourZone_StartsItsHoursAtHalfPast()
    {
        var day = Period.Day(2024, 6, 1, Kolkata);
        var hour = Period.Containing(PeriodKind.Hour, Utc(2024, 5, 31, 19), Kolkata);

        Assert.Equal(new DateTime(2024, 5, 31, 18, 30, 0, DateTimeKind.Utc), day.Start);
        Assert.Equal(24, day.SegmentCount);
        Assert.Equal(day.Child(0), hour);
        Assert.Equal(30, hour.SegmentOf(Utc(2024, 5, 31, 19)));
        Assert.Equal(day, hour.Parent);
    }

    [Fact]
    public void ALateUtcEvening_IsTheNextLocalDayInKolkata_AndTheSameDayInNewYork()
    {
        var instant = Utc(2024, 12, 31, 20);

        Assert.Equal(Period.Day(2025, 1, 1, Kolkata), Period.Containing(PeriodKind.Day, instant, Kolkata));
        Assert.Equal(Period.Year(2025, Kolkata), Period.Containing(PeriodKind.Year, instant, Kolkata));
        Assert.Equal(Period.Day(2024, 12, 31, NewYork), Period.Containing(PeriodKind.Day, instant, NewYork));
    }

    [Theory]
    [InlineData(NewYork)]
    [InlineData(Kolkata)]
    [InlineData(London)]
    [InlineData(Santiago)]
    [InlineData("Australia/Lord_Howe")]
    public void EveryMinuteOfAYear_LiesInOneHour_WhoseAncestorsContainIt(string zone)
    {
        var year = Period.Year(2024, zone);
        var hours = 0;
        for (var instant = year.Start; instant < year.End; instant = instant.AddMinutes(30))
        {
            var hour = Period.Containing(PeriodKind.Hour, instant, zone);
            Assert.True(hour.Contains(instant), $"{hour} does not contain {instant:O}");
            var day = hour.Parent!.Value;
            Assert.Equal(Period.Containing(PeriodKind.Day, instant, zone), day);
            Assert.Equal(hour, day.Child(hour.IndexInParent));
            Assert.Equal(hour.Start, day.SegmentStart(hour.IndexInParent));
            var month = day.Parent!.Value;
            Assert.Equal(day, month.Child(day.IndexInParent));
            Assert.Equal(year, month.Parent);
            hours += hour.Start == instant ? 1 : 0;
        }

        var expected = Enumerable.Range(0, 12).Select(m => year.Child(m))
            .SelectMany(month => Enumerable.Range(0, month.SegmentCount).Select(month.Child))
            .Sum(day => day.SegmentCount);
        Assert.True(expected >= hours, $"{expected} hour segments, {hours} whole hours seen");
    }

    [Theory]
    [InlineData(NewYork)]
    [InlineData(Kolkata)]
    public void TheDaysOfAYear_FollowEachOtherWithoutGapOrOverlap(string zone)
    {
        var year = Period.Year(2024, zone);
        var next = year.Start;
        var hours = 0;
        for (var m = 0; m < 12; m++)
        {
            var month = year.Child(m);
            for (var d = 0; d < month.SegmentCount; d++)
            {
                var day = month.Child(d);
                Assert.Equal(next, day.Start);
                next = day.End;
                hours += day.SegmentCount;
            }
        }

        Assert.Equal(year.End, next);
        Assert.Equal((int)(year.End - year.Start).TotalHours, hours);
    }

    [Theory]
    [InlineData("2024-11-03T24@America/New_York")]
    [InlineData("2024-03-10T22@America/New_York")]
    [InlineData("2024-06-01T00@Asia/Kolkata")]
    [InlineData("2024-06@Asia/Kolkata")]
    [InlineData("2024@Europe/London")]
    [InlineData("2024-02-29")]
    public void TheTextForm_ReadsBack(string text) => Assert.Equal(text, Period.Parse(text).ToString());

    [Theory]
    [InlineData("2024-03-10T23@America/New_York")]
    [InlineData("2024-06-01@Mars/Olympus_Mons")]
    [InlineData("2024-06-01@")]
    [InlineData("2024-06-01@UTC")]
    public void TextThatIsNoPeriod_IsRefused(string text) => Assert.Throws<FormatException>(() => Period.Parse(text));

    [Fact]
    public void AGroupKeyWithAZone_ReadsBack()
    {
        var group = new CounterGroup("acme", Period.Hour(2024, 11, 3, 24, NewYork), 1);

        Assert.Equal("acme|2024-11-03T24@America/New_York|1", group.ToString());
        Assert.Equal(group, CounterGroup.Parse(group.ToString()));
    }

    [Theory]
    [InlineData(null, true, null)]
    [InlineData("UTC", true, null)]
    [InlineData("Etc/UTC", true, null)]
    [InlineData("Asia/Kolkata", true, "Asia/Kolkata")]
    [InlineData("Mars/Olympus_Mons", false, null)]
    [InlineData("America/New_York|x", false, null)]
    public void ZoneNames_AreNormalised(string? name, bool known, string? zone)
    {
        Assert.Equal(known, TimeZones.TryNormalize(name, out var normalized));
        Assert.Equal(zone, normalized);
    }

    [Fact]
    public void ARangeInAZone_IsCoveredByLocalPeriods()
    {
        // 2024-11-03 00:00 to 2024-11-05 00:00 New York time: two whole local days, the first of 25 hours.
        var slices = RangeCover.Cover(Utc(2024, 11, 3, 4), Utc(2024, 11, 5, 5), NewYork);

        var slice = Assert.Single(slices);
        Assert.Equal(new PeriodSlice(Period.Month(2024, 11, NewYork), 2, 4), slice);
    }

    private static DateTime Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);
}
