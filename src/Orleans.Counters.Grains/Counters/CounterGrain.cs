namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// What hour and rollup counters share: segments, reads, write-behind persistence and
/// reporting the absolute total up to the parent period. A change starts one timer that
/// reports within <see cref="CounterOptions.ReportInterval"/> and writes within
/// <see cref="CounterOptions.PersistInterval"/>, then stops once all is reported and written.
/// </summary>
public abstract class CounterGrain<TState>(IPersistentState<TState> state, IOptions<CounterOptions> options, TimeProvider clock, ILogger logger)
    : Grain, ICounterGrain
    where TState : CounterState, new()
{
    private IGrainTimer? _flushTimer;
    private DateTime? _dirtySince;

    /// <summary>The series counted.</summary>
    protected SeriesKey Series { get; private set; } = null!;

    /// <summary>The period counted.</summary>
    protected Period Period { get; private set; }

    /// <summary>The persisted state.</summary>
    protected TState State => state.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (Series, Period) = CounterKey.Parse(this.GetPrimaryKeyString());
        if (State.Segments.Length != Period.SegmentCount)
        {
            State.Segments = new long[Period.SegmentCount];
            OnStateCreated();
        }

        if (State.ReportedVersion < State.Version)
        {
            StartFlushTimer();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PeriodCounts> GetCountsAsync() =>
        Task.FromResult(new PeriodCounts(ImmutableArray.Create(State.Segments), State.Total));

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        try
        {
            await ReportToParentAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not report {Key} to its parent on deactivation; it reports again on reactivation", this.GetPrimaryKeyString());
        }

        if (_dirtySince is not null)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    /// <summary>Called once when the state is new, after the segments are sized.</summary>
    protected virtual void OnStateCreated()
    {
    }

    /// <summary>Adds to one segment.</summary>
    protected void AddToSegment(int segment, long count)
    {
        State.Segments[segment] += count;
        State.Total += count;
    }

    /// <summary>Records that the state changed: bumps the version and schedules the report and the write.</summary>
    protected void MarkChanged()
    {
        State.Version = VersionClock.Next(State.Version, clock);
        _dirtySince ??= clock.GetUtcNow().UtcDateTime;
        StartFlushTimer();
    }

    private void StartFlushTimer()
    {
        var interval = options.Value.ReportInterval;
        _flushTimer ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await ReportToParentAsync();
        if (_dirtySince is { } since && clock.GetUtcNow().UtcDateTime - since >= options.Value.PersistInterval)
        {
            await state.WriteStateAsync(cancellationToken);
            _dirtySince = null;
        }

        if (_dirtySince is null && State.ReportedVersion == State.Version)
        {
            _flushTimer?.Dispose();
            _flushTimer = null;
        }
    }

    private async Task ReportToParentAsync()
    {
        if (Period.Parent is not { } parent)
        {
            State.ReportedVersion = State.Version;
            return;
        }

        if (State.ReportedVersion == State.Version)
        {
            return;
        }

        var report = new ChildTotal(Period.IndexInParent, State.Version, State.Total);
        await GrainFactory.GetRollupCounter(Series, parent).ReportAsync(report);
        State.ReportedVersion = report.Version;
    }
}
