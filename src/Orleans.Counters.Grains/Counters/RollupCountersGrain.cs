using Orleans.Serialization;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// A day, month or year of one account shard: the latest total of each series in each child
/// period. Its first change is written at once, so that a crash always leaves an unclean record
/// behind; activated from one, it asks its children for all their totals again, recovering
/// reports it lost.
/// </summary>
public sealed class RollupCountersGrain(
    [PersistentState("rollup", CounterStorage.Name)] IPersistentState<RollupCountersState> state,
    DeepCopier<RollupCountersState> copier,
    IOptions<CounterOptions> options,
    TimeProvider clock,
    ILogger<RollupCountersGrain> logger)
    : CountersGrain<RollupCountersState>(state, copier, options, clock, logger), IRollupCountersGrain
{
    /// <inheritdoc />
    public async Task<bool> ReportAsync(ChildReport report)
    {
        if (!Apply(report))
        {
            return false;
        }

        await EnsureRecordedAsync();
        return true;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.ChildVersions.Length != Group.Period.SegmentCount)
        {
            State.ChildVersions = new long[Group.Period.SegmentCount];
        }

        if (IsStoredUnclean)
        {
            var reports = await Task.WhenAll(Enumerable.Range(0, Group.Period.SegmentCount)
                .Select(segment => GrainFactory.GetCounters(Group.Child(segment)).GetReportAsync()));
            foreach (var report in reports.Where(r => r.Version > 0))
            {
                Apply(report);
            }
        }
    }

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
            if (Take(CountsOf(total.Series), report.Segment, total))
            {
                Changed(total.Series);
            }
        }

        State.ChildVersions[report.Segment] = report.Version;
        MarkChanged();
        return true;
    }

    /// <summary>Sets a child's totals in its segment; true when any differed.</summary>
    private static bool Take(SeriesCounts counts, int segment, SeriesTotal total)
    {
        var changed = counts.Counts[segment] != total.Total;
        counts.Counts[segment] = total.Total;
        if (total.Bots != 0 || counts.Bots is not null)
        {
            var bots = counts.BotsToChange();
            changed |= bots[segment] != total.Bots;
            bots[segment] = total.Bots;
        }

        if (total.Sum != 0 || counts.Sums is not null)
        {
            var sums = counts.SumsToChange();
            changed |= sums[segment] != total.Sum;
            sums[segment] = total.Sum;
        }

        if (total.Users is not null)
        {
            // A union: taking a sketch again, or an older one after a newer, counts nobody twice.
            var users = counts.UsersToChange();
            var before = users.Estimate();
            users.Merge(total.Users);
            changed |= users.Estimate() != before;
        }

        return changed;
    }
}
