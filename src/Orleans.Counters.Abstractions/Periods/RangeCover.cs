namespace Orleans.Counters.Periods;

/// <summary>
/// Splits a time range into the fewest period slices that cover it exactly: whole years,
/// then runs of whole months inside a year, days inside a month, hours inside a day, and
/// minutes only at the range's ragged edges.
/// </summary>
public static class RangeCover
{
    /// <summary>
    /// The slices covering [from, to), with the periods of <paramref name="zone"/> (null: UTC); both ends
    /// are rounded down to the minute.
    /// </summary>
    public static IReadOnlyList<PeriodSlice> Cover(DateTime from, DateTime to, string? zone = null)
    {
        var start = FloorToMinute(from);
        var end = FloorToMinute(to);
        var slices = new List<PeriodSlice>();
        if (start >= end)
        {
            return slices;
        }

        var lastYear = TimeZones.ToLocal(end.AddTicks(-1), zone).Year;
        for (var year = TimeZones.ToLocal(start, zone).Year; year <= lastYear; year++)
        {
            CoverWithin(Period.Year(year, zone), start, end, slices);
        }

        return slices;
    }

    private static void CoverWithin(Period period, DateTime from, DateTime to, List<PeriodSlice> slices)
    {
        from = from < period.Start ? period.Start : from;
        to = to > period.End ? period.End : to;
        if (from >= to)
        {
            return;
        }

        var first = period.SegmentOf(from);
        if (period.SegmentStart(first) != from)
        {
            CoverWithin(period.Child(first), from, to, slices);
            first++;
        }

        var end = to == period.End ? period.SegmentCount : period.SegmentOf(to);
        if (end >= first && to != period.End && period.SegmentStart(end) != to)
        {
            CoverWithin(period.Child(end), period.SegmentStart(end), to, slices);
        }

        if (first < end)
        {
            slices.Add(new PeriodSlice(period, first, end));
        }
    }

    /// <summary>The instant rounded down to the minute, UTC.</summary>
    public static DateTime FloorToMinute(DateTime instant)
    {
        var utc = instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : DateTime.SpecifyKind(instant, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
    }
}
