namespace Orleans.Counters.Grains;

/// <summary>
/// The counter of one series for one period. Key: <see cref="Series.CounterKey"/>.
/// Use <see cref="CounterGrainFactoryExtensions.GetCounter"/> to address one.
/// </summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>The period's counts per segment and in total.</summary>
    [ReadOnly]
    Task<PeriodCounts> GetCountsAsync();
}
