using Orleans.Serialization;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// A day, month or year of a series: the latest absolute total of each child period. Its first
/// change is written at once, so that a crash always leaves an unclean record behind; activated
/// from one, it asks its children for their totals again, recovering reports it lost.
/// </summary>
public sealed class RollupCounterGrain(
    [PersistentState("rollup", CounterStorage.Name)] IPersistentState<RollupCounterState> state,
    DeepCopier<RollupCounterState> copier,
    IOptions<CounterOptions> options,
    TimeProvider clock,
    ILogger<RollupCounterGrain> logger)
    : CounterGrain<RollupCounterState>(state, copier, options, clock, logger), IRollupCounterGrain
{
    /// <inheritdoc />
    public async Task<bool> ReportAsync(ChildTotal report)
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
        if (IsStoredUnclean)
        {
            var reports = await Task.WhenAll(Enumerable.Range(0, Period.SegmentCount)
                .Select(segment => GrainFactory.GetCounter(Series, Period.Child(segment)).GetReportAsync()));
            foreach (var report in reports.Where(r => r.Version > 0))
            {
                Apply(report);
            }
        }
    }

    private bool Apply(ChildTotal report)
    {
        if ((uint)report.Segment >= (uint)State.Segments.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(report), report.Segment, $"{Period} has {State.Segments.Length} segments.");
        }

        if (report.Version <= State.SegmentVersions[report.Segment])
        {
            return false;
        }

        AddToSegment(report.Segment, report.Total - State.Segments[report.Segment]);
        State.SegmentVersions[report.Segment] = report.Version;
        MarkChanged();
        return true;
    }

    /// <inheritdoc />
    protected override void OnStateCreated() => State.SegmentVersions = new long[State.Segments.Length];
}
