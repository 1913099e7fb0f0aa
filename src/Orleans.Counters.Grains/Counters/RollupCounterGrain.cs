using Orleans.Serialization;

namespace Orleans.Counters.Grains.Counters;

/// <summary>A day, month or year of a series: the latest absolute total of each child period.</summary>
public sealed class RollupCounterGrain(
    [PersistentState("rollup", CounterStorage.Name)] IPersistentState<RollupCounterState> state,
    DeepCopier<RollupCounterState> copier,
    IOptions<CounterOptions> options,
    TimeProvider clock,
    ILogger<RollupCounterGrain> logger)
    : CounterGrain<RollupCounterState>(state, copier, options, clock, logger), IRollupCounterGrain
{
    /// <inheritdoc />
    public Task<bool> ReportAsync(ChildTotal report)
    {
        if ((uint)report.Segment >= (uint)State.Segments.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(report), report.Segment, $"{Period} has {State.Segments.Length} segments.");
        }

        if (report.Version <= State.SegmentVersions[report.Segment])
        {
            return Task.FromResult(false);
        }

        AddToSegment(report.Segment, report.Total - State.Segments[report.Segment]);
        State.SegmentVersions[report.Segment] = report.Version;
        MarkChanged();
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    protected override void OnStateCreated() => State.SegmentVersions = new long[State.Segments.Length];
}
