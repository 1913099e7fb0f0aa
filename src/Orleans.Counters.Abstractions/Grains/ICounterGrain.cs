namespace Orleans.Counters.Grains;

/// <summary>
/// The counter of one series for one period. Key: <see cref="Series.CounterKey"/>.
/// Use <see cref="CounterGrainFactoryExtensions.GetCounter"/> to address one.
/// </summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>
    /// The period's counts per segment and in total. Interleaves: counters change only in synchronous
    /// steps, so a query never waits behind a counter's calls or its database write.
    /// </summary>
    [AlwaysInterleave]
    Task<PeriodCounts> GetCountsAsync();

    /// <summary>
    /// This period's total as its parent period keeps it: segment, version and total. Parents ask
    /// for it when they recover from an unclean shutdown; interleaves, so a child waiting on its
    /// parent can still answer.
    /// </summary>
    [AlwaysInterleave]
    Task<ChildTotal> GetReportAsync();
}
