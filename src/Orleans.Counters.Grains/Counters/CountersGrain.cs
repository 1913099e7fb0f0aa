using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Grains.Operations;
using Orleans.Serialization;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// What hour and rollup counters share: a group's series, reads, write-behind persistence and
/// reporting the changed series' totals up to the parent period. A change starts one timer that
/// reports within <see cref="CounterOptions.ReportInterval"/> and writes within
/// <see cref="CounterOptions.PersistInterval"/>, then stops once all is reported and written.
/// The timer interleaves with calls and writes a snapshot, so counting goes on while a write
/// waits for the database.
/// </summary>
public abstract partial class CountersGrain<TState>(
    IPersistentState<TState> state,
    DeepCopier<TState> copier,
    IOptions<CounterOptions> options,
    TimeProvider clock,
    ILogger logger)
    : Grain, ICountersGrain
    where TState : CountersState, new()
{
    private readonly HashSet<SeriesId> _unreported = [];
    private IGrainTimer? _flushTimer;
    private Task? _flushing;
    private Task _writing = Task.CompletedTask;
    private DateTime? _dirtySince;
    private TState _live = null!;
    private bool _storedUnclean;

    /// <summary>The account shard and period counted.</summary>
    protected CounterGroup Group { get; private set; }

    /// <summary>The live state; what storage holds is a snapshot of it, at most a persist interval old.</summary>
    protected TState State => _live;

    /// <summary>The kind of period counted, as the activation metric names it: hour, day, month or year.</summary>
    private string KindName => Group.Period.Kind.ToString().ToLowerInvariant();

    /// <summary>True when storage holds an unclean snapshot: written while active, or left by an activation that died.</summary>
    protected bool IsStoredUnclean => _storedUnclean;

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

        GrainMetrics.Activated(KindName);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PeriodCounts> GetCountsAsync(SeriesId series) =>
        Task.FromResult((State.Series.TryGetValue(series, out var counts) ? Read(series, counts) : new SeriesCounts(new long[Group.Period.SegmentCount], null)).ToPeriodCounts());

    /// <inheritdoc />
    public Task<Uniques.UserSketch?> GetUsersAsync(SeriesId series) =>
        Task.FromResult(State.Extras.TryGetValue(series, out var extras) ? extras.Users?.Clone() : null);

    /// <inheritdoc />
    public Task<TopSeries> GetTopAsync(string type, TopDimension by, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var urls = State.Series
            .Where(entry => entry.Key.Type == type && (by == TopDimension.Url ? entry.Key.IsUrl : entry.Key.IsReferrer))
            .Select(entry => Read(entry.Key, entry.Value).Totals(entry.Key))
            .Where(total => total.Total != 0)
            .ToList();
        urls.Sort(TopSeries.LargestFirst);
        return Task.FromResult(new TopSeries([.. urls.Take(limit)], urls.Count));
    }

    /// <inheritdoc />
    public Task<ChildReport> GetReportAsync() => Task.FromResult(ReportOf(State.Series.Keys));

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        GrainMetrics.Deactivated(KindName);
        _flushTimer?.Dispose();
        if (_flushing is not null)
        {
            await _flushing;
        }

        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && !options.Value.HandOverOnShutdown)
        {
            return;
        }

        try
        {
            await ReportToParentAsync();
        }
        catch (Exception exception)
        {
            LogReportOnDeactivationFailed(logger, exception, this.GetPrimaryKeyString());
        }

        if (_dirtySince is not null || _storedUnclean)
        {
            await PersistAsync(cancellationToken, clean: true);
        }
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

    /// <summary>Writes the state now unless storage has a record of this group already.</summary>
    protected async Task EnsureRecordedAsync()
    {
        if (!state.RecordExists)
        {
            await PersistAsync(CancellationToken.None);
        }
    }

    /// <summary>Called once a snapshot is written, with that snapshot; nothing else refers to it afterwards.</summary>
    protected virtual void OnPersisted(TState snapshot)
    {
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
    private bool Discarding =>
        !options.Value.HandOverOnShutdown && ServiceProvider.GetRequiredService<ISiloStatusOracle>().CurrentStatus.IsTerminating();

    private async Task PersistAsync(CancellationToken cancellationToken, bool clean = false)
    {
        // One write at a time: each write carries the ETag the previous one returned.
        while (!_writing.IsCompleted)
        {
            await _writing.ContinueWith(static _ => { }, TaskScheduler.Current);
        }

        var since = _dirtySince;
        _dirtySince = null;
        var snapshot = copier.Copy(_live);
        snapshot.Clean = clean;
        state.State = snapshot;
        try
        {
            _writing = state.WriteStateAsync(cancellationToken);
            await _writing;
            _storedUnclean = !clean;
            OnPersisted(snapshot);
        }
        catch
        {
            _dirtySince = since;
            throw;
        }
        finally
        {
            // Storage needs the snapshot only while writing it; keeping it would double the memory.
            state.State = _live;
        }
    }

    private async Task ReportToParentAsync()
    {
        if (State.ReportedVersion == State.Version)
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
            await GrainFactory.GetRollupCounters(parent).ReportAsync(report);
            State.ReportedVersion = version;
        }
        catch
        {
            _unreported.UnionWith(sent);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Key} stopped with its silo without handing over ({Exception}): its counts lived in memory only")]
    private static partial void LogDiscarded(ILogger logger, string key, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report {Key} to its parent on deactivation; it reports again on reactivation")]
    private static partial void LogReportOnDeactivationFailed(ILogger logger, Exception exception, string key);
}
