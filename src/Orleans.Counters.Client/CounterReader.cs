namespace Orleans.Counters.Client;

/// <summary>Reads counts from the counter grains.</summary>
public sealed class CounterReader(IGrainFactory grains)
{
    /// <summary>A period's counts.</summary>
    public Task<PeriodCounts> ReadAsync(SeriesKey series, Period period) => grains.GetCountsAsync(series, period);

    /// <summary>The count over [from, to), read from the coarsest periods that fit the range.</summary>
    public async Task<long> CountRangeAsync(SeriesKey series, DateTime from, DateTime to)
    {
        var slices = RangeCover.Cover(from, to);
        var counts = await Task.WhenAll(slices.Select(async slice =>
        {
            var counts = await ReadAsync(series, slice.Period);
            return slice.IsWhole ? counts.Total : counts.Sum(slice.FirstSegment, slice.EndSegment);
        }));
        return counts.Sum();
    }

    /// <summary>The event types an account (or <c>all</c>) has sent.</summary>
    public Task<ImmutableArray<string>> TypesAsync(string account) => grains.GetGrain<IAccountCatalogGrain>(account).GetTypesAsync();
}
