namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// A counter's reads: a series' counts, its distinct users, a type's top series. Each first lets
/// <paramref name="checkAgainstStorage"/> find out whether another activation wrote the record (then the
/// state answered from is what storage holds: docs/exactly-once.md item 10).
/// </summary>
/// <param name="period">The period counted, which gives an unknown series its zero segments.</param>
/// <param name="state">The counter's live state.</param>
/// <param name="checkAgainstStorage">Compares the state with storage when a check is due.</param>
public sealed class CounterReads(Period period, Func<CountersState> state, Func<Task> checkAgainstStorage)
{
    /// <summary>A series' counts per segment and totals; zeros for a series not counted.</summary>
    public async Task<PeriodCounts> GetCountsAsync(SeriesId series)
    {
        await checkAgainstStorage();
        var current = state();
        return (current.Series.TryGetValue(series, out var counts)
            ? SeriesCounts.Of(current, series, counts)
            : new SeriesCounts(new long[period.SegmentCount], null)).ToPeriodCounts();
    }

    /// <summary>A copy of a series' distinct users; null when it has none.</summary>
    public async Task<Uniques.UserSketch?> GetUsersAsync(SeriesId series)
    {
        await checkAgainstStorage();
        return state().Extras.TryGetValue(series, out var extras) ? extras.Users?.Clone() : null;
    }

    /// <summary>The <paramref name="limit"/> series of <paramref name="type"/> ranked by <paramref name="by"/>.</summary>
    public async Task<TopSeries> GetTopAsync(string type, TopDimension by, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await checkAgainstStorage();
        var current = state();
        var totals = current.Series
            .Where(entry => entry.Key.Type == type && TopSeries.Ranks(by, entry.Key))
            .Select(entry => SeriesCounts.Of(current, entry.Key, entry.Value).Totals(entry.Key));
        return TopSeries.Of(totals, limit);
    }
}
