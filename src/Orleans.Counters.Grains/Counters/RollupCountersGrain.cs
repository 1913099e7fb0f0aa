using Orleans.Counters.Grains.Fencing;
using Orleans.Placement;
using Orleans.Serialization;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// A day, month or year of one account shard: the latest total of each series in each child
/// period. Its first change is written at once, so that a crash always leaves an unclean record
/// behind; activated from one, it asks its children for all their totals again, recovering
/// reports it lost. An activation fenced after taking reports (another activation of it wrote) asks
/// its children to report everything again, so that what it took reaches the activation that stays.
/// </summary>
// Never migrated, not even when its silo stops: see HourCountersGrain.
[Immovable]
public sealed class RollupCountersGrain(
    [PersistentState("rollup", CounterStorage.Name)] IPersistentState<RollupCountersState> state,
    DeepCopier<RollupCountersState> copier,
    CounterServices services,
    ILogger<RollupCountersGrain> logger)
    : Grain, IRollupCountersGrain
{
    private readonly StateCheckSchedule _checks = services.NewStateChecks();

    // The segments whose reports this activation took; if it is fenced they may be missing from the record.
    private readonly HashSet<int> _segmentsTaken = [];

    private CounterParts<RollupCountersState> _counter = null!;

    private RollupCountersState State => _counter.State;

    private CounterGroup Group => _counter.Group;

    private bool IsFenced => _counter.Store.IsFenced;

    /// <inheritdoc />
    public async Task<ReportReceipt> ReportAsync(ChildReport report)
    {
        if (IsFenced || !Apply(report))
        {
            return NotTaken(report);
        }

        await _counter.Store.EnsureStoredUncleanAsync();
        return IsFenced ? NotTaken(report) : new ReportReceipt(true, report.Version);
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _counter = CounterParts<RollupCountersState>.Activate(this, GrainFactory, state, copier, _checks, services, logger, static _ => { });
        if (State.ChildVersions.Length != Group.Period.SegmentCount)
        {
            State.ChildVersions = new long[Group.Period.SegmentCount];
        }

        if (_counter.Store.IsStoredUnclean)
        {
            var reports = await Task.WhenAll(Enumerable.Range(0, Group.Period.SegmentCount)
                .Select(segment => GrainFactory.GetCounters(Group.Child(segment)).GetReportAsync()));
            foreach (var report in reports.Where(r => r.Version > 0))
            {
                Apply(report);
            }
        }
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _counter.Flush.DeactivateAsync(reason, AskTakenSegmentsAgainAsync, cancellationToken);

    /// <inheritdoc />
    public Task<PeriodCounts> GetCountsAsync(SeriesId series) => _counter.Reads.GetCountsAsync(series);

    /// <inheritdoc />
    public Task<Uniques.UserSketch?> GetUsersAsync(SeriesId series) => _counter.Reads.GetUsersAsync(series);

    /// <inheritdoc />
    public Task<TopSeries> GetTopAsync(string type, TopDimension by, int limit) => _counter.Reads.GetTopAsync(type, by, limit);

    /// <inheritdoc />
    public Task<ChildReport> GetReportAsync() => Task.FromResult(_counter.Reporter.ReportOfAll());

    /// <inheritdoc />
    public Task<CounterVersions> GetVersionsAsync() => Task.FromResult(new CounterVersions(State.Version, State.ReportedVersion));

    /// <inheritdoc />
    public Task<ImmutableArray<int>> GetReportedSegmentsAsync() =>
        Task.FromResult(Enumerable.Range(0, State.ChildVersions.Length).Where(segment => State.ChildVersions[segment] > 0).ToImmutableArray());

    /// <inheritdoc />
    public Task ReportAllAgainAsync()
    {
        _counter.Flush.ReportAllAgain();
        return Task.CompletedTask;
    }

    // Fenced: what this activation took may be missing from the record; the children send it to the activation that stays.
    private Task AskTakenSegmentsAgainAsync() =>
        Task.WhenAll(_segmentsTaken.Select(segment => GrainFactory.GetCounters(Group.Child(segment)).ReportAllAgainAsync()));

    private ReportReceipt NotTaken(ChildReport report) =>
        new(false, (uint)report.Segment < (uint)State.ChildVersions.Length ? State.ChildVersions[report.Segment] : 0);

    private bool Apply(ChildReport report)
    {
        if ((uint)report.Segment >= (uint)State.ChildVersions.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(report), report.Segment, $"{Group.Period} has {State.ChildVersions.Length} segments.");
        }

        if (report.Version <= State.ChildVersions[report.Segment])
        {
            return false;
        }

        foreach (var total in report.Totals)
        {
            if (Take(report.Segment, total))
            {
                _counter.Reporter.Changed(total.Series);
            }
        }

        State.ChildVersions[report.Segment] = report.Version;
        _segmentsTaken.Add(report.Segment);
        _counter.Flush.Changed();
        return true;
    }

    /// <summary>Sets a child's totals in its segment; true when any differed.</summary>
    private bool Take(int segment, SeriesTotal total)
    {
        var counts = State.CountsOf(total.Series, Group.Period.SegmentCount);
        var changed = counts[segment] != total.Total;
        counts[segment] = total.Total;
        var extras = State.Extras.GetValueOrDefault(total.Series);
        if (extras is null && total.Bots == 0 && total.Sum == 0 && total.Users is null)
        {
            return changed;
        }

        extras ??= State.ExtrasOf(total.Series);
        if (total.Bots != 0 || extras.Bots is not null)
        {
            var bots = extras.BotsToChange(counts.Length);
            changed |= bots[segment] != total.Bots;
            bots[segment] = total.Bots;
        }

        if (total.Sum != 0 || extras.Sums is not null)
        {
            var sums = extras.SumsToChange(counts.Length);
            changed |= sums[segment] != total.Sum;
            sums[segment] = total.Sum;
        }

        if (total.Users is not null)
        {
            // A union: taking a sketch again, or an older one after a newer, counts nobody twice. Always
            // passed on: a merge can change registers without changing the estimate, and the parent
            // must have them too for its own union to stay right.
            extras.UsersToChange().Merge(total.Users);
            changed = true;
        }

        return changed;
    }
}
