namespace Orleans.Counters.Gateway.Stats;

/// <summary>
/// A range's counts point by point: each hour, day or month point read from that period's own
/// counters (a month cut by the range from the coarsest periods that cover its part), minutes from
/// their hours' segments.
/// </summary>
public static class TimeSeries
{
    /// <summary>
    /// The most points one answer has: a day of minutes (1,500 on a 25-hour day), a month of hours, a
    /// year of days. More would be thousands of grain reads for one request.
    /// </summary>
    public const int MaxPoints = 1500;

    /// <summary>How many points <paramref name="range"/> has at <paramref name="interval"/>.</summary>
    public static long PointCount(StatsRange range, SeriesInterval interval) => interval switch
    {
        SeriesInterval.Minute => (range.End - range.Start).Ticks / TimeSpan.TicksPerMinute,
        SeriesInterval.Hour => range.Days().Sum(day => (long)day.SegmentCount),
        SeriesInterval.Day => range.Days().LongCount(),
        _ => range.Days().Select(day => day.Parent).Distinct().LongCount(),
    };

    /// <summary>
    /// The points of <paramref name="series"/> over <paramref name="range"/>, oldest first. A referrer's or
    /// property value's series counts events only: its points have no bots, sum or uniques. A minute has no users of its own:
    /// its point has no uniques.
    /// </summary>
    public static async Task<IReadOnlyList<SeriesPointResponse>> ReadAsync(
        CounterReader counters, SeriesKey series, StatsRange range, SeriesInterval interval, CountWindow window)
    {
        var points = interval switch
        {
            SeriesInterval.Minute => await MinutesAsync(counters, series, range, window),
            SeriesInterval.Month => await MonthsAsync(counters, series, range, window),
            _ => await WholePeriodsAsync(counters, series, interval == SeriesInterval.Hour ? range.Days().SelectMany(Hours) : range.Days(), window),
        };
        return series.Id.CountsEventsOnly ? [.. points.Select(point => point with { Uniques = null, Sum = null, Bots = null })] : points;
    }

    private static IEnumerable<Period> Hours(Period day) => Enumerable.Range(0, day.SegmentCount).Select(day.Child);

    private static async Task<IReadOnlyList<SeriesPointResponse>> WholePeriodsAsync(
        CounterReader counters, SeriesKey series, IEnumerable<Period> periods, CountWindow window)
    {
        var listed = periods.ToList();
        var counts = await Task.WhenAll(listed.Select(period => counters.ReadAsync(series, period, window)));
        return [.. listed.Zip(counts, (period, count) => new SeriesPointResponse(period.Start, count.Total, count.Uniques, count.Sum, count.Bots))];
    }

    private static async Task<IReadOnlyList<SeriesPointResponse>> MinutesAsync(CounterReader counters, SeriesKey series, StatsRange range, CountWindow window)
    {
        var hours = range.Days().SelectMany(Hours).ToList();
        var counts = await Task.WhenAll(hours.Select(hour => counters.ReadAsync(series, hour, window)));
        return [.. hours.Zip(counts).SelectMany(pair => Enumerable.Range(0, (int)((pair.First.End - pair.First.Start).Ticks / TimeSpan.TicksPerMinute))
            .Select(minute => new SeriesPointResponse(
                pair.First.SegmentStart(minute),
                pair.Second.Segments[minute],
                Uniques: null,
                pair.Second.SumIn(minute, minute + 1),
                pair.Second.BotsIn(minute, minute + 1))))];
    }

    private static async Task<IReadOnlyList<SeriesPointResponse>> MonthsAsync(CounterReader counters, SeriesKey series, StatsRange range, CountWindow window)
    {
        var months = range.Days().GroupBy(day => day.Parent!.Value).Select(days => (Month: days.Key, From: days.First().Start, To: days.Last().End)).ToList();
        var points = await Task.WhenAll(months.Select(async month =>
        {
            if (month.From == month.Month.Start && month.To == month.Month.End)
            {
                var counts = await counters.ReadAsync(series, month.Month, window);
                return new SeriesPointResponse(month.From, counts.Total, counts.Uniques, counts.Sum, counts.Bots);
            }

            var totals = await counters.SummarizeRangeAsync(series, month.From, month.To, range.Zone, window);
            return new SeriesPointResponse(month.From, totals.Count, totals.Uniques, totals.Sum, totals.Bots);
        }));
        return points;
    }
}
