using Orleans.Counters.Series;

namespace Orleans.Counters.Grains;

/// <summary>
/// The counters of one <see cref="Series.CounterGroup"/>: every series of one account shard for one
/// period. Key: the group's text form. Use <see cref="CounterGrainFactoryExtensions.GetCounters"/>.
/// <para>
/// The reads interleave with everything, so a read never waits behind an ingestion turn that waits on
/// storage (an hour's increment asking its year's admission, a rollup's first report writing it unclean).
/// That is safe because a counter changes its state only in code that does not await: a read sees a turn's
/// change whole or not at all. Before it answers, a read still checks against storage when a check is due
/// (docs/exactly-once.md item 10), waiting behind a write on its way.
/// </para>
/// </summary>
public interface ICountersGrain : IGrainWithStringKey
{
    /// <summary>A series' counts per segment and in total; zeros for a series not counted.</summary>
    [AlwaysInterleave]
    Task<PeriodCounts> GetCountsAsync(SeriesId series);

    /// <summary>A series' distinct users over the whole period; null when none was counted.</summary>
    [AlwaysInterleave]
    Task<Uniques.UserSketch?> GetUsersAsync(SeriesId series);

    /// <summary>The URL or referrer series of an event type with the largest totals, at most <paramref name="limit"/>.</summary>
    [AlwaysInterleave]
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

    /// <summary>
    /// The counter's version, and the version its parent period took (for an hour that passes its counts on to
    /// a new zone, the lower of that and the version the new zone's hours took): a change is settled once the
    /// second reaches the version it was made under.
    /// </summary>
    [AlwaysInterleave]
    Task<CounterVersions> GetVersionsAsync();
}
