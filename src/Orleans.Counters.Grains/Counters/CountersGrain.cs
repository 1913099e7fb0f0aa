using System.Diagnostics;
using Orleans.Counters.Grains.Fencing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Grains.Operations;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// What hour and rollup counters share: a group's series, reads, write-behind persistence and
/// reporting the changed series' totals up to the parent period. A change starts one timer that
/// reports within <see cref="CounterOptions.ReportInterval"/> and writes within
/// <see cref="CounterOptions.PersistInterval"/>, then stops once all is reported and written.
/// The timer interleaves with calls and writes a snapshot, so counting goes on while a write
/// waits for the database.
/// <para>
/// Fenced (docs/exactly-once.md item 10): an activation that finds storage moved past it, because
/// another activation of the same grain wrote (its own write is refused, or a read's check against
/// storage finds another ETag), is stale. It counts itself in a metric, stops writing and reporting,
/// answers reads from what storage holds, and deactivates.
/// </para>
/// </summary>
public abstract partial class CountersGrain<TState>(
    IPersistentState<TState> state,
    DeepCopier<TState> copier,
    IOptions<CounterOptions> options,
    TimeProvider clock,
    ClusterDisturbances disturbances,
    GrainMetrics metrics,
    ILogger logger)
    : Grain, ICountersGrain
    where TState : CountersState, new()
{
    private readonly HashSet<SeriesId> _unreported = [];
    private readonly StateCheckSchedule _checks = new(disturbances, clock, options.Value);
    private IGrainTimer? _flushTimer;
    private Task? _flushing;
    private Task _storageOperation = Task.CompletedTask;
    private DateTime? _dirtySince;
    private TState _live = null!;
    private bool _storedUnclean;

    /// <summary>The silo's instruments, for what a kind of counter counts besides activations.</summary>
    protected GrainMetrics Metrics => metrics;

    /// <summary>The account shard and period counted.</summary>
    protected CounterGroup Group { get; private set; }

    /// <summary>The live state; what storage holds is a snapshot of it, at most a persist interval old.</summary>
    protected TState State => _live;

    /// <summary>The kind of period counted, as the activation metric names it: hour, day, month or year.</summary>
    private string KindName => Group.Period.Kind.ToString().ToLowerInvariant();

    /// <summary>True when storage holds an unclean snapshot: written while active, or left by an activation that died.</summary>
    protected bool IsStoredUnclean => _storedUnclean;

    /// <summary>True once this activation found that another one wrote its record: it takes no more changes and goes away.</summary>
    protected bool IsFenced { get; private set; }

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Group = CounterGroup.Parse(this.GetPrimaryKeyString());
        _live = state.State;
        _storedUnclean = state.RecordExists && !_live.Clean;
        if (State.ReportedVersion < State.Version)
        {
            // Which series the unfinished report carried is not stored: report them all, totals being
            // absolute. Under a new version: the activation that died may have had later reports of
            // other series taken, and the parent ignores a report at or below the last version it took.
            State.Version = VersionClock.Next(State.Version, clock);
            _unreported.UnionWith(State.Series.Keys);
            StartFlushTimer();
        }

        metrics.Activated(KindName);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<PeriodCounts> GetCountsAsync(SeriesId series)
    {
        await CheckAgainstStorageAsync();
        return (State.Series.TryGetValue(series, out var counts) ? Read(series, counts) : new SeriesCounts(new long[Group.Period.SegmentCount], null)).ToPeriodCounts();
    }

    /// <inheritdoc />
    public async Task<Uniques.UserSketch?> GetUsersAsync(SeriesId series)
    {
        await CheckAgainstStorageAsync();
        return State.Extras.TryGetValue(series, out var extras) ? extras.Users?.Clone() : null;
    }

    /// <inheritdoc />
    public async Task<TopSeries> GetTopAsync(string type, TopDimension by, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await CheckAgainstStorageAsync();
        var totals = State.Series
            .Where(entry => entry.Key.Type == type && TopSeries.Ranks(by, entry.Key))
            .Select(entry => Read(entry.Key, entry.Value).Totals(entry.Key));
        return TopSeries.Of(totals, limit);
    }

    /// <inheritdoc />
    public Task<ChildReport> GetReportAsync() => Task.FromResult(ReportOf(State.Series.Keys));

    /// <inheritdoc />
    public Task ReportAllAgainAsync()
    {
        if (!IsFenced && State.Series.Count > 0)
        {
            _unreported.UnionWith(State.Series.Keys);
            State.Version = VersionClock.Next(State.Version, clock);
            StartFlushTimer();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Deactivated(KindName);
        _flushTimer?.Dispose();
        if (_flushing is not null)
        {
            await _flushing;
        }

        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && !options.Value.HandOverOnShutdown)
        {
            return;
        }

        if (IsFenced)
        {
            // Another activation owns the record: writing or reporting this one's state would undo its work.
            await OnFencedDeactivationAsync();
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await ReportToParentAsync();
        }
        catch (Exception exception)
        {
            LogReportOnDeactivationFailed(logger, exception, this.GetPrimaryKeyString());
        }

        var reported = Stopwatch.GetElapsedTime(started);
        var wrote = _dirtySince is not null || _storedUnclean;
        if (wrote)
        {
            await PersistAsync(cancellationToken, clean: true);
        }

        if (IsFenced)
        {
            await OnFencedDeactivationAsync();
        }

        LogHandedOver(logger, this.GetPrimaryKeyString(), reason.ReasonCode, reported.TotalMilliseconds, wrote, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>A series' counts per segment, created (all zero) on first use. Call <see cref="Changed"/> after changing them.</summary>
    protected long[] CountsOf(SeriesId series)
    {
        if (!State.Series.TryGetValue(series, out var counts))
        {
            counts = new long[Group.Period.SegmentCount];
            State.Series.Add(series, counts);
        }

        return counts;
    }

    /// <summary>A series' extras, created (empty) on first use. Call <see cref="Changed"/> after changing them.</summary>
    protected SeriesExtras ExtrasOf(SeriesId series)
    {
        if (!State.Extras.TryGetValue(series, out var extras))
        {
            extras = new SeriesExtras();
            State.Extras.Add(series, extras);
        }

        return extras;
    }

    /// <summary>Records that a series changed, so that the next report carries it.</summary>
    protected void Changed(SeriesId series) => _unreported.Add(series);

    /// <summary>Records that the state changed: bumps the version and schedules the report and the write.</summary>
    protected void MarkChanged()
    {
        State.Version = VersionClock.Next(State.Version, clock);
        _dirtySince ??= clock.GetUtcNow().UtcDateTime;
        StartFlushTimer();
    }

    /// <summary>
    /// Writes the state now, marked unclean, unless storage holds an unclean record already: a crash
    /// from here on must leave a record that tells the next activation to recover (a clean one, left by
    /// a normal deactivation, would not).
    /// </summary>
    protected async Task EnsureStoredUncleanAsync()
    {
        if (!_storedUnclean)
        {
            await PersistAsync(CancellationToken.None);
        }
    }

    /// <summary>Called once a snapshot is written, with that snapshot; nothing else refers to it afterwards.</summary>
    protected virtual void OnPersisted(TState snapshot)
    {
    }

    /// <summary>Called when a fenced activation deactivates, instead of its last report and write.</summary>
    protected virtual Task OnFencedDeactivationAsync() => Task.CompletedTask;

    /// <summary>
    /// Compares this activation's state with storage when <see cref="StateCheckSchedule"/> says so.
    /// When another activation has written since this one last read or wrote, this one is stale: it
    /// takes what storage holds to answer from, and is fenced.
    /// </summary>
    protected async Task CheckAgainstStorageAsync()
    {
        if (IsFenced || !_checks.IsDue)
        {
            return;
        }

        await RunStorageOperationAsync(async () =>
        {
            if (IsFenced || !_checks.IsDue)
            {
                return;
            }

            var epoch = _checks.CurrentEpoch;
            var etag = state.Etag;
            var current = false;
            try
            {
                await state.ReadStateAsync();
                current = state.Etag == etag;
                _checks.Checked(epoch);
                if (!current)
                {
                    _live = state.State;
                    Fence("read");
                }
            }
            catch (Exception exception)
            {
                // Cannot tell: answer from this activation's state, and check again after the interval (not
                // on every read: while the database is down each check would fail the same way).
                _checks.Checked(epoch);
                LogStateCheckFailed(logger, exception, this.GetPrimaryKeyString());
            }
            finally
            {
                state.State = _live;
            }
        });
    }

    private ChildReport ReportOf(IEnumerable<SeriesId> series) =>
        new(Group.Period.Kind == PeriodKind.Year ? 0 : Group.Period.IndexInParent,
            State.Version,
            [.. series.Select(s => Read(s, State.Series[s]).Totals(s))]);

    private SeriesCounts Read(SeriesId series, long[] counts) => new(counts, State.Extras.GetValueOrDefault(series));

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
            if (Discarding)
            {
                return;
            }

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
        catch (Exception exception) when (Discarding)
        {
            // Begun just before the silo started stopping: the parent or the storage grain it called may have stopped first.
            LogDiscarded(logger, this.GetPrimaryKeyString(), exception.GetType().Name);
        }
        finally
        {
            _flushing = null;
        }
    }

    /// <summary>True once the silo is stopping, when its counts are not to be handed over (<see cref="CounterOptions.HandOverOnShutdown"/>).</summary>
    /// <remarks>
    /// From the moment the host is asked to stop (Ctrl-C), not only once the silo leaves the cluster: a
    /// report sent after that could find its parent's silo gone, which Orleans logs as an error.
    /// </remarks>
    private bool Discarding =>
        !options.Value.HandOverOnShutdown
        && (ServiceProvider.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested
            || ServiceProvider.GetRequiredService<ISiloStatusOracle>().CurrentStatus.IsTerminating());

    private Task PersistAsync(CancellationToken cancellationToken, bool clean = false) => RunStorageOperationAsync(async () =>
    {
        if (IsFenced)
        {
            return;
        }

        var since = _dirtySince;
        _dirtySince = null;
        var snapshot = copier.Copy(_live);
        snapshot.Clean = clean;
        state.State = snapshot;
        var epoch = _checks.CurrentEpoch;
        try
        {
            await state.WriteStateAsync(cancellationToken);
            _checks.Checked(epoch);
            _storedUnclean = !clean;
            OnPersisted(snapshot);
        }
        catch (InconsistentStateException)
        {
            // Storage moved past this activation: another one wrote. Its changes since the last write are
            // not in storage, and writing over them would lose the other's. Until it is gone, it answers
            // reads from what storage holds.
            Fence("write");
            await TakeStoredStateAsync();
        }
        catch
        {
            _dirtySince = since;
            disturbances.Record();
            throw;
        }
        finally
        {
            // Storage needs the snapshot only while writing it; keeping it would double the memory.
            state.State = _live;
        }
    });

    /// <summary>
    /// Runs one storage operation at a time: each write carries the ETag the previous one returned, and
    /// a check must not read while a write is on its way. Calls and the flush timer interleave, so they
    /// queue here; the grain's single-threaded turns make the test-and-set atomic.
    /// </summary>
    private async Task RunStorageOperationAsync(Func<Task> operation)
    {
        while (!_storageOperation.IsCompleted)
        {
            await _storageOperation.ContinueWith(static _ => { }, TaskScheduler.Current);
        }

        var running = operation();
        _storageOperation = running;
        await running;
    }

    private async Task TakeStoredStateAsync()
    {
        try
        {
            await state.ReadStateAsync();
            _live = state.State;
        }
        catch (Exception exception)
        {
            LogStateCheckFailed(logger, exception, this.GetPrimaryKeyString());
        }
    }

    private void Fence(string detectedBy)
    {
        if (IsFenced)
        {
            return;
        }

        IsFenced = true;
        _unreported.Clear();
        _dirtySince = null;
        _flushTimer?.Dispose();
        _flushTimer = null;
        metrics.StaleActivation(KindName, detectedBy);
        LogFenced(logger, this.GetPrimaryKeyString(), detectedBy);
        this.DeactivateOnIdle();
    }

    private async Task ReportToParentAsync()
    {
        if (IsFenced || State.ReportedVersion == State.Version)
        {
            return;
        }

        var version = State.Version;
        if (Group.Parent is not { } parent)
        {
            _unreported.Clear();
            State.ReportedVersion = version;
            return;
        }

        // Built before the call: changes made while it is on its way are reported next time.
        var sent = _unreported.ToArray();
        var report = ReportOf(sent);
        _unreported.Clear();
        try
        {
            var receipt = await GrainFactory.GetRollupCounters(parent).ReportAsync(report);
            if (receipt.Taken)
            {
                State.ReportedVersion = version;
                return;
            }

            // Not taken: the parent holds a later version of this segment (another activation of this
            // child reported), or the parent's activation is going away. Send these series again, under
            // a version above the one it holds, on the next tick.
            _unreported.UnionWith(sent);
            State.Version = Math.Max(VersionClock.Next(State.Version, clock), receipt.HeldVersion + 1);
            LogReportNotTaken(logger, this.GetPrimaryKeyString(), version, receipt.HeldVersion);
        }
        catch
        {
            _unreported.UnionWith(sent);
            throw;
        }
    }

    // Debug: one line per counter, thousands on a silo's stop. Tells a slow stop's deactivation stage apart: reports or writes.
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Key} deactivated ({Reason}): reported in {ReportMs:0} ms, written: {Wrote}, done in {TotalMs:0} ms")]
    private static partial void LogHandedOver(ILogger logger, string key, DeactivationReasonCode reason, double reportMs, bool wrote, double totalMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Key} stopped with its silo without handing over ({Exception}): its counts lived in memory only")]
    private static partial void LogDiscarded(ILogger logger, string key, string exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Could not report {Key} to its parent on deactivation; it reports again on reactivation")]
    private static partial void LogReportOnDeactivationFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Key}: another activation wrote its record (found on {DetectedBy}); this one is stale and deactivates without writing")]
    private static partial void LogFenced(ILogger logger, string key, string detectedBy);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "{Key}: could not compare its state with storage; answering from its own")]
    private static partial void LogStateCheckFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "{Key}: the parent did not take report {Version} (it holds {HeldVersion}); sending it again under a later version")]
    private static partial void LogReportNotTaken(ILogger logger, string key, long version, long heldVersion);
}
