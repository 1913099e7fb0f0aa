namespace Orleans.Counters.Abstractions.Tests;

public sealed class PeriodTests
{
    public static TheoryData<Period> SamplePeriods() =>
    [
        Period.Year(2023),
        Period.Year(2024),
        Period.Month(2023, 2),
        Period.Month(2024, 2),
        Period.Month(2024, 4),
        Period.Month(2024, 12),
        Period.Day(2024, 2, 29),
        Period.Day(2024, 12, 31),
        Period.Hour(2024, 2, 29, 16),
        Period.Hour(2024, 12, 31, 23),
    ];

    public static TheoryData<Period> PeriodsWithChildren() =>
    [
        Period.Year(2024),
        Period.Month(2023, 2),
        Period.Month(2024, 2),
        Period.Month(2024, 1),
        Period.Day(2024, 2, 29),
    ];

    [Theory]
    [InlineData(2024, 29)]
    [InlineData(2023, 28)]
    [InlineData(1900, 28)]
    [InlineData(2000, 29)]
    [InlineData(2100, 28)]
    [InlineData(2400, 29)]
    public void February_HasTheLeapYearNumberOfDays(int year, int days)
    {
        var february = Period.Month(year, 2);

        Assert.Equal(days, february.SegmentCount);
        Assert.Equal(TimeSpan.FromDays(days), february.End - february.Start);
    }

    [Theory]
    [InlineData(1, 31)]
    [InlineData(2, 28)]
    [InlineData(3, 31)]
    [InlineData(4, 30)]
    [InlineData(5, 31)]
    [InlineData(6, 30)]
    [InlineData(7, 31)]
    [InlineData(8, 31)]
    [InlineData(9, 30)]
    [InlineData(10, 31)]
    [InlineData(11, 30)]
    [InlineData(12, 31)]
    public void Month_HasOneSegmentPerDayOfTheMonth(int month, int days)
    {
        var period = Period.Month(2023, month);

        Assert.Equal(days, period.SegmentCount);
        Assert.Equal(TimeSpan.FromDays(days), period.End - period.Start);
    }

    [Fact]
    public void Year_Has12Segments() => Assert.Equal(12, Period.Year(2024).SegmentCount);

    [Fact]
    public void Day_Has24Segments() => Assert.Equal(24, Period.Day(2024, 2, 29).SegmentCount);

    [Fact]
    public void Hour_Has60Segments() => Assert.Equal(60, Period.Hour(2024, 2, 29, 16).SegmentCount);

    [Fact]
    public void LeapYear_Lasts366Days() => Assert.Equal(TimeSpan.FromDays(366), Period.Year(2024).End - Period.Year(2024).Start);

    [Fact]
    public void CommonYear_Lasts365Days() => Assert.Equal(TimeSpan.FromDays(365), Period.Year(2023).End - Period.Year(2023).Start);

    [Fact]
    public void Day_LastsOneDay() => Assert.Equal(TimeSpan.FromDays(1), Period.Day(2024, 2, 29).End - Period.Day(2024, 2, 29).Start);

    [Fact]
    public void Hour_LastsOneHour() => Assert.Equal(TimeSpan.FromHours(1), Period.Hour(2024, 2, 29, 16).End - Period.Hour(2024, 2, 29, 16).Start);

    [Fact]
    public void Start_IsUtc()
    {
        Assert.Equal(DateTimeKind.Utc, Period.Year(2024).Start.Kind);
        Assert.Equal(DateTimeKind.Utc, Period.Month(2024, 2).Start.Kind);
        Assert.Equal(DateTimeKind.Utc, Period.Day(2024, 2, 29).Start.Kind);
        Assert.Equal(DateTimeKind.Utc, Period.Hour(2024, 2, 29, 16).Start.Kind);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(11, 12)]
    public void YearSegmentLabels_AreMonthsCountedFromOne(int segment, int label) =>
        Assert.Equal(label, Period.Year(2024).SegmentLabel(segment));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(14, 15)]
    [InlineData(28, 29)]
    public void MonthSegmentLabels_AreDaysCountedFromOne(int segment, int label) =>
        Assert.Equal(label, Period.Month(2024, 2).SegmentLabel(segment));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(12, 12)]
    [InlineData(23, 23)]
    public void DaySegmentLabels_AreHoursCountedFromZero(int segment, int label) =>
        Assert.Equal(label, Period.Day(2024, 2, 29).SegmentLabel(segment));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 30)]
    [InlineData(59, 59)]
    public void HourSegmentLabels_AreMinutesCountedFromZero(int segment, int label) =>
        Assert.Equal(label, Period.Hour(2024, 2, 29, 16).SegmentLabel(segment));

    [Theory]
    [MemberData(nameof(SamplePeriods))]
    public void SegmentOf_SegmentStart_IsTheSegmentForEverySegment(Period period)
    {
        for (var segment = 0; segment < period.SegmentCount; segment++)
        {
            Assert.Equal(segment, period.SegmentOf(period.SegmentStart(segment)));
        }
    }

    [Theory]
    [MemberData(nameof(SamplePeriods))]
    public void SegmentOf_TheLastTickOfASegment_IsThatSegment(Period period)
    {
        for (var segment = 0; segment < period.SegmentCount; segment++)
        {
            Assert.Equal(segment, period.SegmentOf(period.SegmentStart(segment + 1).AddTicks(-1)));
        }
    }

    [Theory]
    [MemberData(nameof(SamplePeriods))]
    public void Segments_TileThePeriodFromStartToEnd(Period period)
    {
        Assert.Equal(period.Start, period.SegmentStart(0));
        Assert.Equal(period.End, period.SegmentStart(period.SegmentCount));
        for (var segment = 0; segment < period.SegmentCount; segment++)
        {
            Assert.True(period.SegmentStart(segment) < period.SegmentStart(segment + 1));
        }
    }

    [Theory]
    [MemberData(nameof(SamplePeriods))]
    public void Contains_TheLastTickOfThePeriod(Period period) => Assert.True(period.Contains(period.End.AddTicks(-1)));

    [Theory]
    [MemberData(nameof(SamplePeriods))]
    public void Contains_TheStartOfThePeriod(Period period) => Assert.True(period.Contains(period.Start));

    [Theory]
    [MemberData(nameof(SamplePeriods))]
    public void DoesNotContain_TheEnd(Period period) => Assert.False(period.Contains(period.End));

    [Theory]
    [MemberData(nameof(SamplePeriods))]
    public void DoesNotContain_TheTickBeforeTheStart(Period period) => Assert.False(period.Contains(period.Start.AddTicks(-1)));

    [Theory]
    [MemberData(nameof(SamplePeriods))]
    public void Containing_TheLastTick_IsThePeriodItself(Period period) =>
        Assert.Equal(period, Period.Containing(period.Kind, period.End.AddTicks(-1)));

    [Theory]
    [MemberData(nameof(SamplePeriods))]
    public void Containing_TheEnd_IsTheNextPeriod(Period period)
    {
        var next = Period.Containing(period.Kind, period.End);

        Assert.Equal(period.Kind, next.Kind);
        Assert.Equal(period.End, next.Start);
    }

    [Fact]
    public void Parent_OfAnHour_IsItsDay() => Assert.Equal(Period.Day(2024, 2, 29), Period.Hour(2024, 2, 29, 16).Parent);

    [Fact]
    public void Parent_OfADay_IsItsMonth() => Assert.Equal(Period.Month(2024, 2), Period.Day(2024, 2, 29).Parent);

    [Fact]
    public void Parent_OfAMonth_IsItsYear() => Assert.Equal(Period.Year(2024), Period.Month(2024, 2).Parent);

    [Fact]
    public void Parent_OfAYear_IsNull() => Assert.Null(Period.Year(2024).Parent);

    [Fact]
    public void ParentChain_GoesHourDayMonthYearThenNull()
    {
        Period? period = Period.Hour(2024, 12, 31, 23);
        var kinds = new List<PeriodKind>();
        while (period is { } current)
        {
            kinds.Add(current.Kind);
            period = current.Parent;
        }

        Assert.Equal([PeriodKind.Hour, PeriodKind.Day, PeriodKind.Month, PeriodKind.Year], kinds);
    }

    [Fact]
    public void IndexInParent_OfAnHour_IsTheHour() => Assert.Equal(16, Period.Hour(2024, 2, 29, 16).IndexInParent);

    [Fact]
    public void IndexInParent_OfADay_IsTheDayFromZero() => Assert.Equal(28, Period.Day(2024, 2, 29).IndexInParent);

    [Fact]
    public void IndexInParent_OfAMonth_IsTheMonthFromZero() => Assert.Equal(11, Period.Month(2024, 12).IndexInParent);

    [Fact]
    public void IndexInParent_OfAYear_Throws() => Assert.Throws<InvalidOperationException>(() => Period.Year(2024).IndexInParent);

    [Fact]
    public void Child_OfAYear_IsAMonth() => Assert.Equal(Period.Month(2024, 2), Period.Year(2024).Child(1));

    [Fact]
    public void Child_OfAMonth_IsADay() => Assert.Equal(Period.Day(2024, 2, 29), Period.Month(2024, 2).Child(28));

    [Fact]
    public void Child_OfADay_IsAnHour() => Assert.Equal(Period.Hour(2024, 2, 29, 16), Period.Day(2024, 2, 29).Child(16));

    [Fact]
    public void Child_OfAnHour_Throws() => Assert.Throws<InvalidOperationException>(() => Period.Hour(2024, 2, 29, 16).Child(0));

    [Theory]
    [MemberData(nameof(PeriodsWithChildren))]
    public void EveryChild_HasThePeriodAsParentAndItsSegmentAsIndex(Period period)
    {
        for (var segment = 0; segment < period.SegmentCount; segment++)
        {
            var child = period.Child(segment);

            Assert.Equal(period.Kind - 1, child.Kind);
            Assert.Equal(period, child.Parent);
            Assert.Equal(segment, child.IndexInParent);
            Assert.Equal(period.SegmentStart(segment), child.Start);
            Assert.Equal(period.SegmentStart(segment + 1), child.End);
        }
    }

    [Fact]
    public void Containing_FindsTheYear() =>
        Assert.Equal(Period.Year(2024), Period.Containing(PeriodKind.Year, Utc(2024, 2, 29, 16, 45, 30)));

    [Fact]
    public void Containing_FindsTheMonth() =>
        Assert.Equal(Period.Month(2024, 2), Period.Containing(PeriodKind.Month, Utc(2024, 2, 29, 16, 45, 30)));

    [Fact]
    public void Containing_FindsTheDay() =>
        Assert.Equal(Period.Day(2024, 2, 29), Period.Containing(PeriodKind.Day, Utc(2024, 2, 29, 16, 45, 30)));

    [Fact]
    public void Containing_FindsTheHour() =>
        Assert.Equal(Period.Hour(2024, 2, 29, 16), Period.Containing(PeriodKind.Hour, Utc(2024, 2, 29, 16, 45, 30)));

    [Theory]
    [InlineData(PeriodKind.Year, "2024")]
    [InlineData(PeriodKind.Month, "2024-12")]
    [InlineData(PeriodKind.Day, "2024-12-31")]
    [InlineData(PeriodKind.Hour, "2024-12-31T23")]
    public void Containing_TheLastTickOfTheYear_IsInTheOldYear(PeriodKind kind, string expected)
    {
        var lastTick = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(-1);

        Assert.Equal(Period.Parse(expected), Period.Containing(kind, lastTick));
    }

    [Theory]
    [InlineData(PeriodKind.Year, "2025")]
    [InlineData(PeriodKind.Month, "2025-01")]
    [InlineData(PeriodKind.Day, "2025-01-01")]
    [InlineData(PeriodKind.Hour, "2025-01-01T00")]
    public void Containing_MidnightOfJanuaryFirst_IsInTheNewYear(PeriodKind kind, string expected) =>
        Assert.Equal(Period.Parse(expected), Period.Containing(kind, Utc(2025, 1, 1, 0, 0, 0)));

    [Fact]
    public void Containing_TreatsAnUnspecifiedInstantAsUtc()
    {
        var period = Period.Containing(PeriodKind.Hour, new DateTime(2024, 2, 29, 16, 45, 0, DateTimeKind.Unspecified));

        Assert.Equal(Period.Hour(2024, 2, 29, 16), period);
        Assert.Equal(DateTimeKind.Utc, period.Start.Kind);
    }

    [Fact]
    public void Containing_RefusesAnUnknownKind() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Containing((PeriodKind)42, Utc(2024, 1, 1, 0, 0, 0)));

    [Fact]
    public void ToString_OfAYear_IsFourDigits() => Assert.Equal("2024", Period.Year(2024).ToString());

    [Fact]
    public void ToString_OfAMonth_IsYearDashMonth() => Assert.Equal("2024-02", Period.Month(2024, 2).ToString());

    [Fact]
    public void ToString_OfADay_IsTheIsoDate() => Assert.Equal("2024-02-29", Period.Day(2024, 2, 29).ToString());

    [Fact]
    public void ToString_OfAnHour_IsTheIsoDateWithTheHour() => Assert.Equal("2024-02-29T06", Period.Hour(2024, 2, 29, 6).ToString());

    [Theory]
    [MemberData(nameof(SamplePeriods))]
    public void Parse_ReadsBackWhatToStringWrote(Period period)
    {
        var parsed = Period.Parse(period.ToString());

        Assert.Equal(period, parsed);
        Assert.Equal(period.Kind, parsed.Kind);
        Assert.Equal(DateTimeKind.Utc, parsed.Start.Kind);
    }

    [Theory]
    [InlineData("2024")]
    [InlineData("2024-02")]
    [InlineData("2024-02-29")]
    [InlineData("2024-02-29T16")]
    [InlineData("0001-01-01T00")]
    public void ToString_WritesBackWhatParseRead(string text) => Assert.Equal(text, Period.Parse(text).ToString());

    [Theory]
    [InlineData("2024", PeriodKind.Year)]
    [InlineData("2024-02", PeriodKind.Month)]
    [InlineData("2024-02-29", PeriodKind.Day)]
    [InlineData("2024-02-29T16", PeriodKind.Hour)]
    public void Parse_TellsTheKindFromTheShape(string text, PeriodKind kind) => Assert.Equal(kind, Period.Parse(text).Kind);

    [Theory]
    [InlineData("")]
    [InlineData("abcd")]
    [InlineData("24")]
    [InlineData("20245")]
    [InlineData(" 2024")]
    [InlineData("2024-13")]
    [InlineData("2024-00")]
    [InlineData("2024/02")]
    [InlineData("2024-2-1")]
    [InlineData("2023-02-29")]
    [InlineData("2024-02-30")]
    [InlineData("2024-02-29 16")]
    [InlineData("2024-02-29T24")]
    [InlineData("2024-02-29T16:00")]
    [InlineData("2024-02-29T16Z")]
    [InlineData("yesterday")]
    public void Parse_RefusesGarbage(string text) => Assert.Throws<FormatException>(() => Period.Parse(text));

    private static DateTime Utc(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);
}
