using Orleans.Counters.Periods;
using Orleans.Counters.Series;

namespace Orleans.Counters.Grains;

/// <summary>Addresses counter grains by series and period.</summary>
public static class CounterGrainFactoryExtensions
{
    /// <summary>The counter of a series for a period: an hour counter or a rollup.</summary>
    public static ICounterGrain GetCounter(this IGrainFactory grains, SeriesKey series, Period period) =>
        period.Kind == PeriodKind.Hour ? grains.GetHourCounter(series, period) : grains.GetRollupCounter(series, period);

    /// <summary>The hour counter of a series.</summary>
    public static IHourCounterGrain GetHourCounter(this IGrainFactory grains, SeriesKey series, Period hour) =>
        grains.GetGrain<IHourCounterGrain>(CounterKey.Format(series, hour));

    /// <summary>The day, month or year counter of a series.</summary>
    public static IRollupCounterGrain GetRollupCounter(this IGrainFactory grains, SeriesKey series, Period period) =>
        grains.GetGrain<IRollupCounterGrain>(CounterKey.Format(series, period));
}
