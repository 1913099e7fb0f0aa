using System.Collections.Concurrent;
using Orleans.Counters.Zones;

namespace Orleans.Counters.Client;

/// <summary>Reads counts from the counter grains.</summary>
public sealed class CounterReader(IGrainFactory grains)
{
    /// <summary>
    /// How long an account's time zones are remembered. A first zone is set before an account's first event, so
    /// a reader that still has UTC for a moment after it is set reads periods that are empty either way; a later
    /// change is rebuilt, and the former zone's periods keep their counts, so a reader that still reads them for
    /// a moment after the rebuild is done answers what it answered during the rebuild.
    /// </summary>
    public static readonly TimeSpan TimeZoneMemory = TimeSpan.FromSeconds(10);

    /// <summary>How long an account's zones are remembered while a change is rebuilt: reads switch within it once it is done.</summary>
    public static readonly TimeSpan RebuildingZoneMemory = TimeSpan.FromSeconds(1);

    private static readonly AccountZone Utc = AccountZone.Of(null);

    private readonly ConcurrentDictionary<string, (AccountZone Zone, long Until)> _zones = new(StringComparer.Ordinal);

    /// <summary>A period's counts.</summary>
    public async Task<PeriodCounts> ReadAsync(SeriesKey series, Period period) =>
        await grains.GetCountsAsync(await CountedAsync(series, period), period);

    /// <summary>A period's counts; zeros, without activating a grain, for a period after <paramref name="window"/>.</summary>
    public Task<PeriodCounts> ReadAsync(SeriesKey series, Period period, CountWindow window) =>
        window.CanHold(period) ? ReadAsync(series, period) : Task.FromResult(PeriodCounts.Zero(period.SegmentCount));

    /// <summary>
    /// What a series counted over [from, to), reading only the part of the range inside <paramref name="window"/>:
    /// a range reaching years ahead costs the grains of the periods that can hold counts, not one per year.
    /// </summary>
    public Task<RangeTotals> SummarizeRangeAsync(SeriesKey series, DateTime from, DateTime to, string? zone, CountWindow window) =>
        SummarizeRangeAsync(series, from, window.Clamp(to), zone);

    /// <summary>
    /// What a series counted over [from, to), read from the coarsest periods of the account's time zone
    /// (<paramref name="zone"/>) that fit the range.
    /// </summary>
    public async Task<RangeTotals> SummarizeRangeAsync(SeriesKey series, DateTime from, DateTime to, string? zone)
    {
        var slices = RangeCover.Cover(from, to, zone);
        var parts = await Task.WhenAll(slices.Select(async slice =>
        {
            var counts = await ReadAsync(series, slice.Period);
            return slice.IsWhole
                ? new RangeTotals(counts.Total, counts.Bots, counts.Sum, 0)
                : new RangeTotals(
                    counts.CountIn(slice.FirstSegment, slice.EndSegment),
                    counts.BotsIn(slice.FirstSegment, slice.EndSegment),
                    counts.SumIn(slice.FirstSegment, slice.EndSegment),
                    0);
        }));
        var users = await UsersAsync(series, slices);
        return new RangeTotals(parts.Sum(p => p.Count), parts.Sum(p => p.Bots), parts.Sum(p => p.Sum), users.Estimate());
    }

    /// <summary>
    /// The union of the users over the slices. Users are kept per period, not per minute: a slice of
    /// an hour's minutes takes the whole hour's users, so the range is widened to whole hours.
    /// </summary>
    private async Task<UserSketch> UsersAsync(SeriesKey series, IReadOnlyList<PeriodSlice> slices)
    {
        var periods = slices.SelectMany(slice => slice.IsWhole || slice.Period.Kind == PeriodKind.Hour
            ? [slice.Period]
            : Enumerable.Range(slice.FirstSegment, slice.EndSegment - slice.FirstSegment).Select(slice.Period.Child));
        var sketches = await Task.WhenAll(periods.Distinct().Select(async period =>
            await grains.GetCounters(CounterGroup.Of(await CountedAsync(series, period), period)).GetUsersAsync(series.Id)));
        var union = new UserSketch();
        foreach (var sketch in sketches.OfType<UserSketch>())
        {
            union.Merge(sketch);
        }

        return union;
    }

    /// <summary>
    /// The time zone an account's reads use; null for UTC, as <c>all</c> always is. While a change of zone is
    /// rebuilt, the former zone. Remembered for <see cref="TimeZoneMemory"/>, so that a query costs no extra grain call.
    /// </summary>
    public async Task<string?> TimeZoneAsync(string account) => (await ZoneAsync(account)).ReadZone;

    /// <summary>An account's zones (<see cref="AccountZone"/>), remembered as <see cref="TimeZoneAsync"/> is.</summary>
    public async Task<AccountZone> ZoneAsync(string account)
    {
        if (account == SeriesKey.AllAccounts)
        {
            return Utc;
        }

        var now = Environment.TickCount64;
        if (_zones.TryGetValue(account, out var known) && known.Until > now)
        {
            return known.Zone;
        }

        var zone = await grains.GetGrain<IAccountSettingsGrain>(account).GetZoneAsync();
        _zones[account] = (zone, now + (long)(zone.Rebuilding ? RebuildingZoneMemory : TimeZoneMemory).TotalMilliseconds);
        return zone;
    }

    /// <summary>
    /// The series as its counters keep it for <paramref name="period"/>: under the account's generation of the
    /// period's zone (<see cref="AccountZone.CounterAccount"/>), which is the account itself until its zone changed
    /// after its first event.
    /// </summary>
    private async Task<SeriesKey> CountedAsync(SeriesKey series, Period period)
    {
        var zone = await ZoneAsync(series.Account);
        var account = zone.CounterAccount(series.Account, period.Zone);
        return account == series.Account ? series : series with { Account = account };
    }

    /// <summary>Forgets an account's remembered time zone, after it was set through this reader's process.</summary>
    public void ForgetTimeZone(string account) => _zones.TryRemove(account, out _);

    /// <summary>
    /// The URLs, referrers or values of a property of an account's event type with the largest counts in a
    /// period, largest first: exact, because every URL, referrer and property value has its own series. Each shard answers its own
    /// largest; together they hold the overall largest, since a series lives in one shard only. The
    /// shards' overflow series (<c>(other)</c>) are added up into one.
    /// </summary>
    public async Task<TopSeries> TopAsync(string account, string type, TopDimension by, Period period, int limit, CountWindow window)
    {
        if (!window.CanHold(period))
        {
            return new TopSeries([], 0);
        }

        var counted = (await CountedAsync(SeriesKey.AllUrlsOf(account, type), period)).Account;
        var shards = await Task.WhenAll(Enumerable.Range(0, CounterGroup.ShardCount)
            .Select(shard => grains.GetCounters(new CounterGroup(counted, period, shard)).GetTopAsync(type, by, limit)));
        return TopSeries.Merge(shards, limit);
    }

    /// <summary>The property names an account breaks its counts down by, with <c>(other)</c> once its cap refused one.</summary>
    public Task<ImmutableArray<string>> PropertiesAsync(string account) => grains.GetGrain<IAccountCatalogGrain>(account).GetPropertiesAsync();

    /// <summary>The event types an account (or <c>all</c>) has sent.</summary>
    public Task<ImmutableArray<string>> TypesAsync(string account) => grains.GetGrain<IAccountCatalogGrain>(account).GetTypesAsync();
}
