using Orleans.Counters.Series;

namespace Orleans.Counters.Grains;

/// <summary>
/// The counters of one <see cref="Series.CounterGroup"/>: every series of one account shard for one
/// period. Key: the group's text form. Use <see cref="CounterGrainFactoryExtensions.GetCounters"/>.
/// </summary>
public interface ICountersGrain : IGrainWithStringKey
{
    /// <summary>A series' counts per segment and in total; zeros for a series not counted.</summary>
    [ReadOnly]
    Task<PeriodCounts> GetCountsAsync(SeriesId series);

    /// <summary>A series' distinct users over the whole period; null when none was counted.</summary>
    [ReadOnly]
    Task<Uniques.UserSketch?> GetUsersAsync(SeriesId series);

    /// <summary>The URL or referrer series of an event type with the largest totals, at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    Task<TopSeries> GetTopAsync(string type, TopDimension by, int limit);

    /// <summary>
    /// Every series' total, as the parent period keeps them. Parents ask for it when they recover
    /// from an unclean shutdown; interleaves, so a child waiting on its parent can still answer.
    /// </summary>
    [AlwaysInterleave]
    Task<ChildReport> GetReportAsync();

    /// <summary>
    /// Reports every series to the parent period again, under a new version, within the report
    /// interval. A parent activation that lost reports it had taken (a second activation of it wrote
    /// first) asks its children for this, so the reports reach the activation that stays.
    /// </summary>
    [AlwaysInterleave]
    Task ReportAllAgainAsync();
}
