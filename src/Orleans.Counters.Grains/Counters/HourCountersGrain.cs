using Orleans.Counters.Grains.Admission;
using Orleans.Counters.Grains.Fencing;
using Orleans.Counters.Grains.Rebuild;
using Orleans.Counters.Zones;
using Orleans.Placement;
using Orleans.Serialization;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// An hour of one account shard: per-minute counts of each series, applied once per stream message.
/// Keeps at most its share of <see cref="CounterOptions.MaxUrlsPerHour"/> URL series (and referrer
/// series), and only those its account's year admitted (<see cref="Admission.ISeriesAdmissionGrain"/>,
/// <see cref="CounterOptions.MaxUrlsPerYear"/>); the events of further ones count in their type's overflow
/// series (see <see cref="SeriesCap"/>). Across a change of its account's time zone, it takes layers from the
/// former zone's hours (<see cref="TakeLayerAsync"/>), or, as an hour of the former zone, passes its counts on
/// (<see cref="HourRebucketer"/>).
/// </summary>
// Never migrated, not even when its silo stops: Orleans 10.4 moves an activation that has queued requests
// at shutdown to another silo, and the stop waits until that silo has the moved activations ready (up to
// SystemResponseTimeout, 30 s); ready can wait on grains of the stopping silo. Its state is written on
// deactivation anyway, so a new activation elsewhere reads it.
[Immovable]
public sealed partial class HourCountersGrain(
    [PersistentState("hour", CounterStorage.Name)] IPersistentState<HourCountersState> state,
    DeepCopier<HourCountersState> copier,
    CounterServices services,
    ILogger<HourCountersGrain> logger)
    : Grain, IHourCountersGrain
{
    private readonly StateCheckSchedule _checks = services.NewStateChecks();

    // What storage is known to hold: read at activation or written since. A snapshot still being
    // written is not in it, so nothing may be acknowledged on the strength of a write in flight.
    private Dictionary<string, StreamPosition> _persisted = [];

    // Tells this activation from earlier ones, which may have applied messages they never persisted.
    private readonly Guid _incarnation = Guid.NewGuid();

    private CounterParts<HourCountersState> _counter = null!;
    private SeriesCap _cap = null!;
    private HourRebucketer _rebucket = null!;

    private static readonly IReadOnlyDictionary<SeriesId, bool> NothingAsked = new Dictionary<SeriesId, bool>();

    private HourCountersState State => _counter.State;

    private CounterGroup Group => _counter.Group;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _counter = CounterParts<HourCountersState>.Activate(
            this, GrainFactory, state, copier, _checks, services, logger, snapshot => _persisted = _rebucket.Persisted(snapshot) ?? _persisted);
        _rebucket = new HourRebucketer(
            this, GrainFactory, _counter.Group, () => State, () => _counter.Store.IsFenced, _counter.Flush.ScheduleWrite, passed => _persisted = passed, services.Clock, logger);
        // Counts stored but not yet passed on to a new zone are not persisted as far as the ingest grain is concerned.
        _persisted = _rebucket.Persisted(new HourCountersState { Version = State.Version, RebucketTo = State.RebucketTo, Applied = new(State.Applied) }) ?? [];
        _rebucket.Changed();
        _cap = new SeriesCap(
            SeriesCap.PerGroup(services.Options.MaxUrlsPerHour),
            SeriesCap.PerGroup(services.Options.MaxReferrersPerHour),
            SeriesCap.PerGroup(services.Options.MaxPropertyValuesPerHour),
            State.Series.Keys);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_rebucket.IsBehind && reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            try
            {
                await _rebucket.PassAsync();
            }
            catch (Exception exception)
            {
                // The record keeps the zone and the version passed: the next activation passes the rest on.
                LogPassOnDeactivationFailed(exception);
            }
        }

        await _counter.Flush.DeactivateAsync(reason, () => Task.CompletedTask, cancellationToken);
    }

    /// <inheritdoc />
    public Task<PeriodCounts> GetCountsAsync(SeriesId series) => _counter.Reads.GetCountsAsync(series);

    /// <inheritdoc />
    public Task<Uniques.UserSketch?> GetUsersAsync(SeriesId series) => _counter.Reads.GetUsersAsync(series);

    /// <inheritdoc />
    public Task<TopSeries> GetTopAsync(string type, TopDimension by, int limit) => _counter.Reads.GetTopAsync(type, by, limit);

    /// <inheritdoc />
    public Task<ChildReport> GetReportAsync() => Task.FromResult(_counter.Reporter.ReportOfAll());

    /// <inheritdoc />
    public Task ReportAllAgainAsync()
    {
        _counter.Flush.ReportAllAgain();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<CounterVersions> GetVersionsAsync() => Task.FromResult(new CounterVersions(
        State.Version, State.RebucketTo is null ? State.ReportedVersion : Math.Min(State.ReportedVersion, State.RebucketedVersion)));

    /// <inheritdoc />
    public async Task RebucketAsync(ZoneTarget to)
    {
        ThrowIfFenced();
        await _rebucket.StartAsync(to);
        if (_counter.Store.IsDirty)
        {
            // The zone to pass on to is in the record before the rebuild counts this hour done.
            await _counter.Store.WriteAsync(CancellationToken.None);
        }

        ThrowIfFenced();
    }

    /// <inheritdoc />
    public async Task<ReportReceipt> TakeLayerAsync(ZoneLayer layer)
    {
        ThrowIfFenced();
        var previous = State.Layers.GetValueOrDefault(layer.Source);
        if (previous is not null && layer.Version <= previous.Version)
        {
            return new ReportReceipt(false, previous.Version);
        }

        foreach (var series in ZoneLayers.Replace(State, previous, layer))
        {
            // Counted in the former zone's hour, within its caps: held here too, whatever this hour's cap.
            if (SeriesCap.IsCapped(series))
            {
                _cap.Hold(series);
            }

            _counter.Reporter.Changed(series);
        }

        State.Layers[layer.Source] = layer;
        _counter.Flush.Changed();
        _rebucket.Changed();
        // Written before the answer: the former hour counts it passed on once taken.
        await _counter.Store.WriteAsync(CancellationToken.None);
        return _counter.Store.IsFenced ? new ReportReceipt(false, 0) : new ReportReceipt(true, layer.Version);
    }

    /// <inheritdoc />
    public async Task<HourApplyResult> ApplyAsync(GroupIncrement increment)
    {
        ThrowIfFenced();
        StreamPosition? last = State.Applied.TryGetValue(increment.Source, out var applied) ? applied : null;
        if (increment.Incarnation is { } expected && expected != _incarnation)
        {
            LogReincarnated(increment.Source, increment.Position, last);
            return new HourApplyResult(HourApplyOutcome.Reincarnated, _incarnation, last);
        }

        if (increment.Position <= last)
        {
            _rebucket.Changed(increment.RebucketTo);
            LogReplayIgnored(increment.Source, increment.Position, applied);
            return new HourApplyResult(HourApplyOutcome.Replay, _incarnation, last);
        }

        var minutes = (uint)Group.Period.SegmentCount;
        if (increment.Series.Any(series =>
            series.Minutes.Any(m => (uint)m.Minute >= minutes) || series.Bots.Any(m => (uint)m.Minute >= minutes) || series.Sums.Any(m => (uint)m.Minute >= minutes)))
        {
            throw new ArgumentOutOfRangeException(nameof(increment), "Minutes run from 0 to 59.");
        }

        var admitted = await AdmitAsync(increment.Series);
        // The flush timer interleaves with the call to the admission: it may have found this activation stale.
        ThrowIfFenced();
        foreach (var series in increment.Series)
        {
            var placed = Place(series, admitted);
            Add(placed);
            _counter.Reporter.Changed(placed.Series);
        }

        State.Applied[increment.Source] = increment.Position;
        _counter.Flush.Changed();
        _rebucket.Changed(increment.RebucketTo);
        return new HourApplyResult(HourApplyOutcome.Applied, _incarnation, increment.Position);
    }

    /// <inheritdoc />
    public async Task<HourApplyResult> ApplyAllAsync(ImmutableArray<GroupIncrement> increments)
    {
        if (increments.IsEmpty || increments.Any(increment => increment.Source != increments[0].Source || increment.Incarnation != increments[0].Incarnation))
        {
            throw new ArgumentException("The increments must be of one source and name one activation.", nameof(increments));
        }

        HourApplyResult result = null!;
        foreach (var increment in increments)
        {
            result = await ApplyAsync(increment);
            if (result.Outcome == HourApplyOutcome.Reincarnated)
            {
                // The first one: they all name the activation this one is not.
                return result;
            }
        }

        return result;
    }

    /// <summary>
    /// Asks the year's admission about the message's series that are new to this hour and that the hour has
    /// room for; those it refuses, and the new ones the hour has no room for, count in their overflow series.
    /// Both answers depend only on what is stored (the hour's series, the year's admitted ones, which only
    /// grow and stop growing when full), so a message applied again lands where it did. Nothing is asked,
    /// and nothing changes, while the hour holds every series of the message.
    /// </summary>
    private async Task<IReadOnlyDictionary<SeriesId, bool>> AdmitAsync(ImmutableArray<SeriesMinutes> added)
    {
        var asked = _cap.NewWithRoom(added.Select(series => series.Series), State.Series.ContainsKey);
        if (asked.IsEmpty)
        {
            return NothingAsked;
        }

        var answers = await GrainFactory.GetGrain<ISeriesAdmissionGrain>(SeriesAdmissionKey.Of(Group)).AdmitAsync(asked);
        return asked.Select((series, i) => (series, answers[i])).ToDictionary(answer => answer.series, answer => answer.Item2);
    }

    /// <summary>What a message adds to a series, moved to its overflow series when the hour or its year has no room for the series.</summary>
    private SeriesMinutes Place(SeriesMinutes added, IReadOnlyDictionary<SeriesId, bool> answers)
    {
        var series = added.Series;
        if (!SeriesCap.IsCapped(series) || State.Series.ContainsKey(series))
        {
            return added;
        }

        var asked = answers.TryGetValue(series, out var admitted);
        if (admitted)
        {
            _cap.Hold(series);
            return added;
        }

        // Asked and refused: the year is full. Not asked: the hour was.
        services.Metrics.CountedInOverflow(
            series.IsReferrer ? "referrer" : series.IsProperty ? "property" : "url", added.Minutes.Sum(m => m.Count) + added.Bots.Sum(m => m.Count), asked ? "year" : "hour");
        return added with { Series = SeriesId.OverflowOf(series) };
    }

    private void ThrowIfFenced()
    {
        if (_counter.Store.IsFenced)
        {
            // Going away; the ingest grain tries again and reaches the activation that stays, which
            // refuses the increment as meant for another incarnation and is repaired from the queue.
            throw new InvalidOperationException($"{this.GetPrimaryKeyString()} is a stale activation (another activation wrote its record) and is deactivating.");
        }
    }

    private void Add(SeriesMinutes added)
    {
        var counts = State.CountsOf(added.Series, Group.Period.SegmentCount);
        foreach (var (minute, count) in added.Minutes)
        {
            counts[minute] += count;
        }

        if (added.Bots.IsEmpty && added.Users.IsEmpty && added.Sums.IsEmpty)
        {
            return;
        }

        var extras = State.ExtrasOf(added.Series);
        if (!added.Bots.IsEmpty)
        {
            var bots = extras.BotsToChange(counts.Length);
            foreach (var (minute, count) in added.Bots)
            {
                bots[minute] += count;
            }
        }

        if (!added.Users.IsEmpty)
        {
            var users = extras.UsersToChange();
            foreach (var hash in added.Users)
            {
                users.AddHash(hash);
            }
        }

        if (!added.Sums.IsEmpty)
        {
            var sums = extras.SumsToChange(counts.Length);
            foreach (var (minute, sum) in added.Sums)
            {
                sums[minute] += sum;
            }
        }
    }

    /// <inheritdoc />
    public Task<PersistedPosition> GetPersistedPositionAsync(string source) =>
        Task.FromResult(new PersistedPosition(_incarnation, _persisted.TryGetValue(source, out var position) ? position : null));

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Could not pass the counts on to the new zone's hours on deactivation; the next activation does")]
    private partial void LogPassOnDeactivationFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused message {Position} from {Source}: it was sent for an earlier activation, and this one holds {Source} up to {Last} only")]
    private partial void LogReincarnated(string source, StreamPosition position, StreamPosition? last);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored message {Position} from {Source}: already applied up to {Last}")]
    private partial void LogReplayIgnored(string source, StreamPosition position, StreamPosition last);
}
