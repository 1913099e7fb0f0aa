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

    /// <summary>
    /// This period's total as its parent period keeps it: segment, version and total. Parents ask
    /// for it when they recover from an unclean shutdown; interleaves, so a child waiting on its
    /// parent can still answer.
    /// </summary>
    [AlwaysInterleave]
    Task<ChildTotal> GetReportAsync();
}
