namespace Orleans.Counters.Abstractions.Tests;

public sealed class RangeCoverTests
{
    private const int RandomRangeCount = 3000;

    private static readonly DateTime[] Boundaries =
    [
        Utc(2019, 12, 31, 23, 59), Utc(2020, 1, 1), Utc(2020, 2, 29), Utc(2020, 3, 1),
        Utc(2023, 1, 1), Utc(2023, 3, 1), Utc(2024, 1, 1), Utc(2024, 2, 28, 23, 30),
        Utc(2024, 2, 29), Utc(2024, 3, 1), Utc(2024, 12, 31), Utc(2025, 1, 1),
        Utc(2025, 6, 1), Utc(2027, 12, 31, 23), Utc(2028, 2, 29, 12), Utc(2028, 3, 1),
    ];

    private static readonly Lazy<IReadOnlyList<CoverCase>> Cases = new(BuildRandomCases);

    [Fact]
    public void EmptyRange_HasNoSlices()
    {
        var at = Utc(2024, 3, 15, 10, 30);

        Assert.Empty(RangeCover.Cover(at, at));
    }

    [Fact]
    public void RangeWithinOneMinute_HasNoSlices() =>
        Assert.Empty(RangeCover.Cover(Utc(2024, 3, 15, 10, 30).AddSeconds(10), Utc(2024, 3, 15, 10, 30).AddSeconds(50)));

    [Fact]
    public void ReversedRange_HasNoSlices() =>
        Assert.Empty(RangeCover.Cover(Utc(2026, 2, 3), Utc(2024, 3, 15, 10, 30)));

    [Fact]
    public void ReversedRangeAcrossYears_HasNoSlices() =>
        Assert.Empty(RangeCover.Cover(Utc(2025, 1, 1, 0, 1), Utc(2024, 12, 31, 23, 59)));

    [Fact]
    public void WholeYear_IsOneWholeYearSlice()
    {
        var slice = Assert.Single(RangeCover.Cover(Utc(2024, 1, 1), Utc(2025, 1, 1)));

        Assert.Equal(new PeriodSlice(Period.Year(2024), 0, 12), slice);
        Assert.True(slice.IsWhole);
    }

    [Fact]
    public void WholeYearWithSecondsAtBothEnds_IsOneWholeYearSlice()
    {
        var slice = Assert.Single(RangeCover.Cover(Utc(2023, 1, 1).AddSeconds(59), Utc(2024, 1, 1).AddSeconds(59.9999999)));

        Assert.Equal(Period.Year(2023), slice.Period);
        Assert.True(slice.IsWhole);
    }

    [Fact]
    public void ThreeWholeYears_AreThreeWholeYearSlices()
    {
        var slices = RangeCover.Cover(Utc(2023, 1, 1), Utc(2026, 1, 1));

        Assert.Equal(
            [new(Period.Year(2023), 0, 12), new(Period.Year(2024), 0, 12), new(Period.Year(2025), 0, 12)],
            Chronological(slices));
        Assert.All(slices, slice => Assert.True(slice.IsWhole));
    }

    [Fact]
    public void WholeLeapMonth_IsOneSegmentOfItsYear() =>
        Assert.Equal([new PeriodSlice(Period.Year(2024), 1, 2)], RangeCover.Cover(Utc(2024, 2, 1), Utc(2024, 3, 1)));

    [Fact]
    public void WholeLeapDay_IsOneSegmentOfItsMonth() =>
        Assert.Equal([new PeriodSlice(Period.Month(2024, 2), 28, 29)], RangeCover.Cover(Utc(2024, 2, 29), Utc(2024, 3, 1)));

    [Fact]
    public void WholeHour_IsOneSegmentOfItsDay() =>
        Assert.Equal([new PeriodSlice(Period.Day(2024, 2, 29), 16, 17)], RangeCover.Cover(Utc(2024, 2, 29, 16), Utc(2024, 2, 29, 17)));

    [Fact]
    public void MinutesInsideAnHour_AreOneSliceOfThatHour() =>
        Assert.Equal([new PeriodSlice(Period.Hour(2024, 2, 29, 16), 30, 45)], RangeCover.Cover(Utc(2024, 2, 29, 16, 30), Utc(2024, 2, 29, 16, 45)));

    [Fact]
    public void SecondsAreRoundedDownAtBothEnds() =>
        Assert.Equal(
            [new PeriodSlice(Period.Hour(2024, 2, 29, 16), 30, 31)],
            RangeCover.Cover(Utc(2024, 2, 29, 16, 30).AddSeconds(59), Utc(2024, 2, 29, 16, 31).AddTicks(TimeSpan.TicksPerMinute - 1)));

    [Fact]
    public void RangeAcrossNewYear_IsSplitBetweenTheTwoHours() =>
        Assert.Equal(
            [new(Period.Hour(2024, 12, 31, 23), 30, 60), new(Period.Hour(2025, 1, 1, 0), 0, 30)],
            Chronological(RangeCover.Cover(Utc(2024, 12, 31, 23, 30), Utc(2025, 1, 1, 0, 30))));

    [Fact]
    public void RangeAcrossTheLeapDay_UsesTheLeapDayAsAWholeDay() =>
        Assert.Equal(
            [new(Period.Day(2024, 2, 28), 12, 24), new(Period.Month(2024, 2), 28, 29), new(Period.Day(2024, 3, 1), 0, 6)],
            Chronological(RangeCover.Cover(Utc(2024, 2, 28, 12), Utc(2024, 3, 1, 6))));

    [Fact]
    public void RangeOverTwoYears_IsTheHandWrittenList()
    {
        var slices = RangeCover.Cover(Utc(2024, 3, 15, 10, 30), Utc(2026, 2, 3));

        PeriodSlice[] expected =
        [
            new(Period.Hour(2024, 3, 15, 10), 30, 60),  // 2024-03-15 10:30 – 11:00
            new(Period.Day(2024, 3, 15), 11, 24),       // 2024-03-15 11:00 – 03-16
            new(Period.Month(2024, 3), 15, 31),         // 2024-03-16 – 04-01
            new(Period.Year(2024), 3, 12),              // 2024-04 – 2025-01
            new(Period.Year(2025), 0, 12),              // 2025
            new(Period.Year(2026), 0, 1),               // 2026-01
            new(Period.Month(2026, 2), 0, 2),           // 2026-02-01 – 02-03
        ];
        Assert.Equal(expected, Chronological(slices));
    }

    [Fact]
    public void RangeOverTwoYears_HasOnlyTheYear2025AsAWholeSlice() =>
        Assert.Equal(
            [Period.Year(2025)],
            RangeCover.Cover(Utc(2024, 3, 15, 10, 30), Utc(2026, 2, 3)).Where(slice => slice.IsWhole).Select(slice => slice.Period));

    [Fact]
    public void RangeInTheLastSupportedYear_IsCovered() =>
        Assert.Equal(
            [new PeriodSlice(Period.Year(Period.MaxYear), 5, 6)],
            RangeCover.Cover(Utc(Period.MaxYear, 6, 1), Utc(Period.MaxYear, 7, 1)));

    [Fact]
    public void Year9999_WhichHasNoRepresentableEnd_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeCover.Cover(Utc(9999, 6, 1), Utc(9999, 7, 1)));

    [Fact]
    public void FloorToMinute_DropsSecondsAndTicks() =>
        Assert.Equal(Utc(2024, 12, 31, 23, 59), RangeCover.FloorToMinute(Utc(2025, 1, 1).AddTicks(-1)));

    [Fact]
    public void FloorToMinute_ReturnsUtc() =>
        Assert.Equal(DateTimeKind.Utc, RangeCover.FloorToMinute(new DateTime(2024, 1, 1, 0, 0, 30, DateTimeKind.Unspecified)).Kind);

    [Fact]
    public void FloorToMinute_KeepsAWholeMinute() =>
        Assert.Equal(Utc(2024, 2, 29, 16, 30), RangeCover.FloorToMinute(Utc(2024, 2, 29, 16, 30)));

    [Fact]
    public void RandomRanges_IncludeEveryShapeOfRange()
    {
        var cases = Cases.Value;

        Assert.Contains(cases, c => c.Slices.Count == 0);
        Assert.Contains(cases, c => c.Slices.Count == 1 && c.Slices[0].Period.Kind == PeriodKind.Hour);
        Assert.Contains(cases, c => c.Slices.Any(slice => slice.Period.Kind == PeriodKind.Year && slice.IsWhole));
        Assert.Contains(cases, c => c.To - c.From > TimeSpan.FromDays(3 * 365));
        Assert.Contains(cases, c => c.From.Ticks % TimeSpan.TicksPerMinute != 0);
        Assert.Contains(cases, c => c.From.Ticks % TimeSpan.TicksPerMinute == 0);
        Assert.Contains(cases, c => c.Start.Year != c.End.AddTicks(-1).Year);
        Assert.Contains(cases, c => c.Start <= Utc(2024, 2, 29) && c.End >= Utc(2024, 3, 1));
        Assert.Contains(cases, c => c.Start > Utc(2024, 2, 29) && c.Start < Utc(2024, 3, 1));
    }

    [Fact]
    public void RandomRanges_SlicesAreNeverEmpty()
    {
        foreach (var c in Cases.Value)
        {
            Assert.All(c.Slices, slice => Assert.True(
                slice.FirstSegment >= 0 && slice.FirstSegment < slice.EndSegment && slice.EndSegment <= slice.Period.SegmentCount,
                $"{c}: {slice} is empty or out of its period"));
        }
    }

    [Fact]
    public void RandomRanges_SlicesNeverOverlap()
    {
        foreach (var c in Cases.Value)
        {
            var ordered = Chronological(c.Slices);
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(SliceEnd(ordered[i - 1]) <= SliceStart(ordered[i]), $"{c}: {ordered[i - 1]} overlaps {ordered[i]}");
            }
        }
    }

    [Fact]
    public void RandomRanges_SlicesStayInsideTheRange()
    {
        foreach (var c in Cases.Value)
        {
            Assert.All(c.Slices, slice => Assert.True(
                SliceStart(slice) >= c.Start && SliceEnd(slice) <= c.End,
                $"{c}: {slice} reaches outside the range"));
        }
    }

    [Fact]
    public void RandomRanges_SliceDurationsAddUpToTheMinutesOfTheRange()
    {
        foreach (var c in Cases.Value)
        {
            var covered = c.Slices.Aggregate(TimeSpan.Zero, (sum, slice) => sum + (SliceEnd(slice) - SliceStart(slice)));
            var expected = c.End > c.Start ? c.End - c.Start : TimeSpan.Zero;

            Assert.True(expected == covered, $"{c}: slices cover {covered}, the range is {expected}");
        }
    }

    [Fact]
    public void RandomRanges_EverySampledMinuteOfTheRangeIsInExactlyOneSlice()
    {
        var random = new Random(4711);
        foreach (var c in Cases.Value.Where(c => c.End > c.Start))
        {
            var samples = new List<DateTime> { c.Start, c.End.AddTicks(-1), c.End.AddMinutes(-1) };
            var minutes = (int)((c.End - c.Start).Ticks / TimeSpan.TicksPerMinute);
            for (var i = 0; i < 40; i++)
            {
                samples.Add(c.Start.AddMinutes(random.Next(minutes)).AddTicks(random.NextInt64(TimeSpan.TicksPerMinute)));
            }

            foreach (var slice in c.Slices)
            {
                samples.Add(SliceStart(slice));
                samples.Add(SliceEnd(slice).AddTicks(-1));
            }

            foreach (var instant in samples)
            {
                var count = c.Slices.Count(slice => SliceStart(slice) <= instant && instant < SliceEnd(slice));
                Assert.True(count == 1, $"{c}: {instant:O} is in {count} slices");
            }
        }
    }

    [Fact]
    public void RandomRanges_NoInstantOutsideTheRangeIsInASlice()
    {
        foreach (var c in Cases.Value)
        {
            foreach (var instant in new[] { c.Start.AddTicks(-1), c.Start.AddMinutes(-1), c.End, c.End.AddMinutes(1) })
            {
                if (instant >= c.Start && instant < c.End)
                {
                    continue;
                }

                Assert.DoesNotContain(c.Slices, slice => SliceStart(slice) <= instant && instant < SliceEnd(slice));
            }
        }
    }

    [Fact]
    public void RandomRanges_OnlyYearSlicesAreWhole()
    {
        foreach (var c in Cases.Value)
        {
            Assert.All(c.Slices, slice => Assert.True(
                slice.Period.Kind == PeriodKind.Year || !slice.IsWhole,
                $"{c}: {slice} should have been a segment of its parent"));
        }
    }

    [Fact]
    public void RandomRanges_SegmentRunsCannotBeExtended()
    {
        foreach (var c in Cases.Value)
        {
            foreach (var slice in c.Slices)
            {
                var period = slice.Period;
                var before = slice.FirstSegment - 1;
                var after = slice.EndSegment;

                Assert.False(
                    before >= 0 && period.SegmentStart(before) >= c.Start && period.SegmentStart(before + 1) <= c.End,
                    $"{c}: {slice} could take in segment {before}");
                Assert.False(
                    after < period.SegmentCount && period.SegmentStart(after) >= c.Start && period.SegmentStart(after + 1) <= c.End,
                    $"{c}: {slice} could take in segment {after}");
            }
        }
    }

    [Fact]
    public void RandomRanges_PartialPeriodsBelowAYearOnlySitOnTheRaggedEdges()
    {
        foreach (var c in Cases.Value)
        {
            foreach (var slice in c.Slices.Where(slice => slice.Period.Kind != PeriodKind.Year))
            {
                var period = slice.Period;
                var holdsStart = period.Start < c.Start && c.Start < period.End;
                var holdsEnd = period.Start < c.End && c.End < period.End;

                Assert.True(holdsStart || holdsEnd, $"{c}: {slice} is not at an edge of the range");
            }
        }
    }

    [Fact]
    public void RandomRanges_NoPeriodAppearsInTwoSlices()
    {
        foreach (var c in Cases.Value)
        {
            Assert.True(
                c.Slices.Select(slice => slice.Period).Distinct().Count() == c.Slices.Count,
                $"{c}: a period appears in two slices");
        }
    }

    [Fact]
    public void RandomRanges_HaveAtMostTwoSlicesOfEachKindBelowAYear()
    {
        foreach (var c in Cases.Value)
        {
            foreach (var kind in new[] { PeriodKind.Hour, PeriodKind.Day, PeriodKind.Month })
            {
                var count = c.Slices.Count(slice => slice.Period.Kind == kind);
                Assert.True(count <= 2, $"{c}: {count} slices of kind {kind}");
            }
        }
    }

    [Fact]
    public void RandomRanges_HaveAtMostOneYearSlicePerCalendarYear()
    {
        foreach (var c in Cases.Value)
        {
            var years = c.Slices.Where(slice => slice.Period.Kind == PeriodKind.Year).Select(slice => slice.Period.Start.Year).ToList();

            Assert.Equal(years.Count, years.Distinct().Count());
        }
    }

    private static IReadOnlyList<CoverCase> BuildRandomCases()
    {
        var random = new Random(20240229);
        var cases = new List<CoverCase>(RandomRangeCount);
        for (var i = 0; i < RandomRangeCount; i++)
        {
            var (from, to) = RandomRange(random);
            cases.Add(new CoverCase(from, to, RangeCover.Cover(from, to)));
        }

        return cases;
    }

    private static (DateTime From, DateTime To) RandomRange(Random random)
    {
        // An anchor either near a year, month or leap-day boundary, or anywhere in 2019–2028.
        var anchor = random.Next(3) == 0
            ? Utc(2019, 1, 1).AddMinutes(random.NextInt64((long)(Utc(2029, 1, 1) - Utc(2019, 1, 1)).TotalMinutes))
            : Boundaries[random.Next(Boundaries.Length)].AddMinutes(random.Next(-180, 181));

        // Sometimes the anchor is snapped to a whole hour, day or month start.
        anchor = random.Next(6) switch
        {
            0 => Period.Containing(PeriodKind.Hour, anchor).Start,
            1 => Period.Containing(PeriodKind.Day, anchor).Start,
            2 => Period.Containing(PeriodKind.Month, anchor).Start,
            _ => anchor,
        };

        var maxMinutes = random.Next(5) switch
        {
            0 => 180L,                    // minutes
            1 => 3 * 24 * 60L,            // hours
            2 => 120 * 24 * 60L,          // days
            3 => 3 * 366 * 24 * 60L,      // up to ~3 years
            _ => 40 * 24 * 60L,
        };
        var length = TimeSpan.FromMinutes(random.NextInt64(maxMinutes + 1));
        var (from, to) = random.Next(2) == 0 ? (anchor, anchor + length) : (anchor - length, anchor);

        // Half of the ranges are not minute-aligned at one or both ends.
        if (random.Next(2) == 0)
        {
            from = from.AddTicks(random.NextInt64(TimeSpan.TicksPerMinute));
        }

        if (random.Next(2) == 0)
        {
            to = to.AddTicks(random.NextInt64(TimeSpan.TicksPerMinute));
        }

        // A few are reversed.
        return random.Next(40) == 0 ? (to, from) : (from, to);
    }

    private static List<PeriodSlice> Chronological(IEnumerable<PeriodSlice> slices) => [.. slices.OrderBy(SliceStart)];

    private static DateTime SliceStart(PeriodSlice slice) => slice.Period.SegmentStart(slice.FirstSegment);

    private static DateTime SliceEnd(PeriodSlice slice) => slice.Period.SegmentStart(slice.EndSegment);

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private sealed record CoverCase(DateTime From, DateTime To, IReadOnlyList<PeriodSlice> Slices)
    {
        public DateTime Start { get; } = RangeCover.FloorToMinute(From);

        public DateTime End { get; } = RangeCover.FloorToMinute(To);

        public override string ToString() =>
            $"[{From:O}, {To:O}) → [{string.Join(", ", Slices.Select(slice => $"{slice.Period}[{slice.FirstSegment},{slice.EndSegment})"))}]";
    }
}
