using Orleans.Counters.Periods;
using Orleans.Counters.Series;

namespace Orleans.Counters.Grains;

/// <summary>Addresses counter grains by group, or by series and period.</summary>
public static class CounterGrainFactoryExtensions
{
    /// <summary>The counters of a group: an hour's or a rollup's.</summary>
    public static ICountersGrain GetCounters(this IGrainFactory grains, CounterGroup group) =>
        group.Period.Kind == PeriodKind.Hour ? grains.GetHourCounters(group) : grains.GetRollupCounters(group);

    /// <summary>An hour's counters.</summary>
    public static IHourCountersGrain GetHourCounters(this IGrainFactory grains, CounterGroup hour) =>
        grains.GetGrain<IHourCountersGrain>(hour.ToString());

    /// <summary>A day's, month's or year's counters.</summary>
    public static IRollupCountersGrain GetRollupCounters(this IGrainFactory grains, CounterGroup group) =>
        grains.GetGrain<IRollupCountersGrain>(group.ToString());

    /// <summary>One series' counts for a period.</summary>
    public static Task<PeriodCounts> GetCountsAsync(this IGrainFactory grains, SeriesKey series, Period period) =>
        grains.GetCounters(CounterGroup.Of(series, period)).GetCountsAsync(series.Id);
}
