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

    /// <summary>
    /// The URLs of an account's event type with the largest counts in a period, largest first: exact,
    /// because every URL has its own series. Each shard answers its own largest; together they hold the
    /// overall largest, since a URL lives in one shard only.
    /// </summary>
    public async Task<TopSeries> TopAsync(string account, string type, Period period, int limit)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, CounterGroup.ShardCount)
            .Select(shard => grains.GetCounters(new CounterGroup(account, period, shard)).GetTopAsync(type, limit)));
        var merged = shards.SelectMany(shard => shard.Top).ToList();
        merged.Sort(TopSeries.LargestFirst);
        return new TopSeries([.. merged.Take(limit)], shards.Sum(shard => shard.Distinct));
    }

    /// <summary>The event types an account (or <c>all</c>) has sent.</summary>
    public Task<ImmutableArray<string>> TypesAsync(string account) => grains.GetGrain<IAccountCatalogGrain>(account).GetTypesAsync();
}
