using Orleans.Serialization;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// What hour and rollup counters share: segments, reads, write-behind persistence and
/// reporting the absolute total up to the parent period. A change starts one timer that
/// reports within <see cref="CounterOptions.ReportInterval"/> and writes within
/// <see cref="CounterOptions.PersistInterval"/>, then stops once all is reported and written.
/// The timer interleaves with calls and writes a snapshot, so counting goes on while a write
/// waits for the database.
/// </summary>
public abstract partial class CounterGrain<TState>(
    IPersistentState<TState> state,
    DeepCopier<TState> copier,
    IOptions<CounterOptions> options,
    TimeProvider clock,
    ILogger logger)
    : Grain, ICounterGrain
    where TState : CounterState, new()
{
    private IGrainTimer? _flushTimer;
    private Task? _flushing;
    private Task _writing = Task.CompletedTask;
    private DateTime? _dirtySince;
    private TState _live = null!;
    private TState _durable = null!;

    /// <summary>The series counted.</summary>
    protected SeriesKey Series { get; private set; } = null!;

    /// <summary>The period counted.</summary>
    protected Period Period { get; private set; }

    /// <summary>The live state; what storage holds is a snapshot of it, at most a persist interval old.</summary>
    protected TState State => _live;

    /// <summary>
    /// The last state storage is known to hold: read at activation or written since. A snapshot still
    /// being written is not in it, so nothing may be acknowledged on the strength of a write in flight.
    /// </summary>
    protected TState PersistedState => _durable;

    /// <summary>True when storage holds an unclean snapshot: written while active, or left by an activation that died.</summary>
    protected bool IsStoredUnclean => state.RecordExists && !state.State.Clean;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _durable = state.State;
        _live = copier.Copy(_durable);
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
    public Task<ChildTotal> GetReportAsync() => Task.FromResult(new ChildTotal(Period.IndexInParent, State.Version, State.Total));

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        if (_flushing is not null)
        {
            await _flushing;
        }

        try
        {
            await ReportToParentAsync();
        }
        catch (Exception exception)
        {
            LogReportOnDeactivationFailed(logger, exception, this.GetPrimaryKeyString());
        }

        if (_dirtySince is not null || IsStoredUnclean)
        {
            await PersistAsync(cancellationToken, clean: true);
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
        _flushTimer ??= this.RegisterGrainTimer(
            FlushAsync,
            new GrainTimerCreationOptions(interval, interval) { KeepAlive = true, Interleave = true });
    }

    private Task FlushAsync(CancellationToken cancellationToken) => _flushing = FlushOnceAsync(cancellationToken);

    private async Task FlushOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReportToParentAsync();
            if (_dirtySince is { } since && clock.GetUtcNow().UtcDateTime - since >= options.Value.PersistInterval)
            {
                await PersistAsync(cancellationToken);
            }

            if (_dirtySince is null && State.ReportedVersion == State.Version)
            {
                _flushTimer?.Dispose();
                _flushTimer = null;
            }
        }
        finally
        {
            _flushing = null;
        }
    }

    /// <summary>Writes the state now unless storage has a record of this counter already.</summary>
    protected async Task EnsureRecordedAsync()
    {
        if (!state.RecordExists)
        {
            await PersistAsync(CancellationToken.None);
        }
    }

    private async Task PersistAsync(CancellationToken cancellationToken, bool clean = false)
    {
        // One write at a time: each write carries the ETag the previous one returned.
        await _writing.ContinueWith(_ => { }, TaskScheduler.Current);
        var since = _dirtySince;
        _dirtySince = null;
        var snapshot = copier.Copy(_live);
        snapshot.Clean = clean;
        state.State = snapshot;
        try
        {
            _writing = state.WriteStateAsync(cancellationToken);
            await _writing;
            _durable = snapshot;
        }
        catch
        {
            _dirtySince = since;
            throw;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report {Key} to its parent on deactivation; it reports again on reactivation")]
    private static partial void LogReportOnDeactivationFailed(ILogger logger, Exception exception, string key);
}
