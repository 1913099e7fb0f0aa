using Orleans.Placement;
using Orleans.Counters.Grains.Operations;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Consumes one account's event stream: pre-aggregates each batch and makes one call per
/// touched hour group (an account shard's hour), tagged with the message's stream position so that a replayed
/// message is not counted twice. That also makes retrying a failed call safe, so a counter
/// that fails to activate for a moment (its storage busy) is retried before the batch fails.
/// New event types are recorded in the account catalogs before any hour counts them; past the account's
/// cap on types, events of a new type count as type <c>(other)</c>. On a durable stream, a message is
/// acknowledged once every hour group it touched has persisted it. Events are counted in the
/// hours of the account's time zone, read from its settings on activation and told of changes.
/// An hour drops a message at or below the last position it applied, so none may get a message
/// before an earlier one it still lacks. Two losses could cause that, and both are repaired from the
/// messages still in the queue before going on: this grain's own (a new activation first applies the
/// unacknowledged messages before the one delivered), and an hour's (a new activation of an hour that
/// had not persisted messages refuses the next one until they are applied again).
/// A message that fails every time (a poison message) is not retried forever: each failed delivery is
/// counted in the queue, and the one that reaches the queue's limit makes it a dead letter, after which
/// this grain goes on; the later messages of the stream then wait among the dead letters behind it, so
/// that none is applied before it when an operator replays them (docs/exactly-once.md, item 8).
/// </summary>
[ImplicitStreamSubscription(CounterStreams.EventsNamespace)]
// Never migrated, not even when its silo stops (Orleans 10.4 migrates an activation with queued requests
// at shutdown, and the stop waits for the target to accept it): a new activation replays from the queue.
[Immovable]
public sealed partial class IngestGrain(IEventAcknowledger acknowledger, IBotDetector bots, ILogger<IngestGrain> logger)
    : Grain, IIngestGrain, IStreamSubscriptionObserver, IAsyncObserver<EventBatch>
{
    private const string MetricKind = "ingest";
    private const int MaxAttempts = 5;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan AcknowledgeInterval = TimeSpan.FromSeconds(1);
    // The account's types its catalog keeps, as far as this activation asked; once the catalog is full,
    // every other type counts as (other) without asking, for a full catalog stays so.
    private readonly HashSet<string> _keptTypes = [];
    private bool _typesFull;
    private readonly AcknowledgementBook _awaiting = new();
    // Repairs from the acknowledgement timer, which interleaves, and deliveries take turns.
    private readonly SemaphoreSlim _repairing = new(1, 1);
    private bool _caughtUp;
    private IGrainTimer? _acknowledgeTimer;
    private StreamPosition? _unapplied;
    // The first refused dead letter of this stream: later messages wait behind it until it is replayed.
    private StreamPosition? _deadLetter;
    private string? _zone;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _zone = await GrainFactory.GetGrain<IAccountSettingsGrain>(this.GetPrimaryKeyString()).GetTimeZoneAsync();
        GrainMetrics.Activated(MetricKind);
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        GrainMetrics.Deactivated(MetricKind);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UseTimeZoneAsync(string? zone)
    {
        _zone = zone;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<EventBatch>().ResumeAsync(this);

    /// <inheritdoc />
    public async Task OnNextAsync(EventBatch batch, StreamSequenceToken? token = null)
    {
        if (token is null)
        {
            throw new InvalidOperationException("The events stream must carry sequence tokens: counting exactly once depends on them.");
        }

        var position = new StreamPosition(token.SequenceNumber, token.EventIndex);
        if (_deadLetter is { } dead && position > dead)
        {
            await HoldAsync(position, dead);
            return;
        }

        // Before catching up, the catch-up itself applies the earlier message again.
        if (_caughtUp && _unapplied is { } earlier && position > earlier)
        {
            // The stream's agent gave up on an earlier message and moved on. Applying this one would
            // make the hour groups drop the earlier one when it comes back: refuse until it has.
            throw new InvalidOperationException($"Message {earlier} of {batch.Account} is not applied yet; {position} waits for it.");
        }

        await _repairing.WaitAsync();
        try
        {
            try
            {
                if (!_caughtUp && acknowledger.IsEnabled)
                {
                    await CatchUpAsync(position);
                }

                if (_deadLetter is { } refused && position > refused)
                {
                    await HoldAsync(position, refused);
                    return;
                }

                await ApplyMessageAsync(position, batch);
            }
            catch (Exception exception) when (acknowledger.IsEnabled && _unapplied is { } failed)
            {
                if (!await GiveUpAsync(failed, exception))
                {
                    throw;
                }

                if (position > failed)
                {
                    await HoldAsync(position, failed);
                }

                return;
            }

            if (_deadLetter == position)
            {
                // A replayed dead letter applied: its stream flows again.
                _deadLetter = null;
            }
        }
        finally
        {
            _repairing.Release();
        }

        GrainMetrics.Counted(batch.PublishedAt, DateTime.UtcNow);
    }

    /// <summary>
    /// Before a new activation's first delivery: applies the messages still unacknowledged before
    /// it, in order. An earlier activation applied them, but the hours may have lost them since.
    /// </summary>
    private async Task CatchUpAsync(StreamPosition delivered)
    {
        var unacknowledged = await acknowledger.ReadUnacknowledgedAsync(Stream, after: null, delivered, CancellationToken.None);
        var applied = 0;
        foreach (var message in unacknowledged)
        {
            if (message.Refused)
            {
                // Nothing after a refused dead letter was applied: the rest waits for its replay.
                _deadLetter = message.Position;
                break;
            }

            await ApplyMessageAsync(message.Position, message.Batch);
            applied++;
        }

        LogCaughtUp(Account, applied, delivered);
        _caughtUp = true;
    }

    /// <summary>
    /// Applying the message at <paramref name="failed"/> threw: counts the failure in the queue.
    /// Returns true when the grain goes on without it (it became a dead letter, or was acknowledged
    /// meanwhile); false when the delivery is to fail and be retried.
    /// </summary>
    private async Task<bool> GiveUpAsync(StreamPosition failed, Exception exception)
    {
        FailedDelivery outcome;
        try
        {
            outcome = await acknowledger.RecordFailureAsync(Stream, failed, exception, CancellationToken.None);
        }
        catch (Exception recordError)
        {
            LogFailureNotRecorded(recordError, Account, failed);
            return false;
        }

        if (outcome == FailedDelivery.Retry)
        {
            return false;
        }

        _unapplied = null;
        if (outcome == FailedDelivery.DeadLettered)
        {
            _deadLetter = _deadLetter is { } known && known < failed ? known : failed;
            LogDeadLettered(exception, Account, failed);
        }

        return true;
    }

    /// <summary>A message behind a refused dead letter of its stream joins it among the dead letters, unapplied.</summary>
    private async Task HoldAsync(StreamPosition position, StreamPosition deadLetter)
    {
        await acknowledger.HoldAsync(Stream, position, deadLetter, CancellationToken.None);
        LogHeld(Account, position, deadLetter);
    }

    private async Task ApplyMessageAsync(StreamPosition position, EventBatch batch)
    {
        IReadOnlyList<HourTouch> touches;
        Guid[] incarnations;
        try
        {
            touches = HourTouchAggregator.Aggregate(await PlaceTypesAsync(batch), _zone, bots.IsBot);
            incarnations = await Task.WhenAll(touches.Select(touch => ApplyToHourAsync(touch, position)));
        }
        catch
        {
            _unapplied ??= position;
            throw;
        }

        if (_unapplied == position)
        {
            _unapplied = null;
        }

        LogBatchApplied(batch.Account, position, batch.Events.Length, touches.Count);
        if (acknowledger.IsEnabled)
        {
            _awaiting.Add(position, touches.Select((t, i) => (t.Hour, incarnations[i])));
            _acknowledgeTimer ??= this.RegisterGrainTimer(
                AcknowledgePersistedAsync,
                new GrainTimerCreationOptions(AcknowledgeInterval, AcknowledgeInterval) { Interleave = true });
        }
    }

    /// <summary>
    /// Applies a message's part to one hour, naming the activation that holds this stream's waiting
    /// messages; when another one refuses it, first applies again what it lacks. Returns the
    /// activation that applied it.
    /// </summary>
    private async Task<Guid> ApplyToHourAsync(HourTouch touch, StreamPosition position)
    {
        var hour = GrainFactory.GetHourCounters(touch.Hour);
        var result = await ApplyWithRetryAsync(hour, new GroupIncrement(Account, position, touch.Series, _awaiting.IncarnationOf(touch.Hour)));
        if (result.Outcome == HourApplyOutcome.Reincarnated)
        {
            await ReapplyAsync(touch.Hour, result.Incarnation, after: result.Last, before: position);
            result = await ApplyWithRetryAsync(hour, new GroupIncrement(Account, position, touch.Series, result.Incarnation));
        }

        if (result.Outcome == HourApplyOutcome.Reincarnated)
        {
            throw new InvalidOperationException($"{touch.Hour} changed activation twice while {position} was applied to it; the message is delivered again.");
        }

        return result.Incarnation;
    }

    /// <summary>
    /// Applies to a new activation of an hour, in order, the parts of this stream's unacknowledged
    /// messages it lacks: those after <paramref name="after"/> and before <paramref name="before"/>.
    /// </summary>
    private async Task ReapplyAsync(CounterGroup group, Guid incarnation, StreamPosition? after, StreamPosition before)
    {
        var hour = GrainFactory.GetHourCounters(group);
        var unacknowledged = await acknowledger.ReadUnacknowledgedAsync(Stream, after, before, CancellationToken.None);
        var reapplied = 0;
        foreach (var (position, batch, refused) in unacknowledged)
        {
            if (refused)
            {
                // Never expected: nothing after a refused dead letter is applied, so no hour's lost range reaches one.
                throw new InvalidOperationException($"{group} lacks {position} of {Account}, a refused dead letter; it is repaired after the dead letter is replayed.");
            }

            if (HourTouchAggregator.Aggregate(await PlaceTypesAsync(batch), _zone, bots.IsBot).FirstOrDefault(t => t.Hour == group) is not { } touch)
            {
                continue;
            }

            var result = await ApplyWithRetryAsync(hour, new GroupIncrement(Account, position, touch.Series, incarnation));
            if (result.Outcome == HourApplyOutcome.Reincarnated)
            {
                throw new InvalidOperationException($"{group} changed activation again while its lost messages were applied to it again.");
            }

            if (result.Outcome == HourApplyOutcome.Applied)
            {
                reapplied++;
            }
        }

        LogReapplied(group.ToString(), reapplied, after, before);
    }

    private string Account => this.GetPrimaryKeyString();

    private StreamId Stream => StreamId.Create(CounterStreams.EventsNamespace, Account);

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex, this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    private async Task<HourApplyResult> ApplyWithRetryAsync(IHourCountersGrain hour, GroupIncrement increment)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await hour.ApplyAsync(increment);
            }
            catch (Exception exception) when (attempt < MaxAttempts)
            {
                var delay = FirstRetryDelay * Math.Pow(2, attempt - 1);
                LogApplyRetry(exception, hour.GetPrimaryKeyString(), attempt, delay);
                await Task.Delay(delay);
            }
        }
    }

    private async Task AcknowledgePersistedAsync(CancellationToken cancellationToken)
    {
        // The timer interleaves with deliveries, which add to the book while the hours answer.
        var hours = _awaiting.HoursToAsk();
        var persisted = await Task.WhenAll(hours.Select(h => GrainFactory.GetHourCounters(h.Hour).GetPersistedPositionAsync(Account)));
        for (var i = 0; i < hours.Count; i++)
        {
            if (_awaiting.Record(hours[i], persisted[i]))
            {
                await RepairAsync(hours[i], persisted[i]);
            }
        }

        var done = _awaiting.Persisted();
        if (done.Count > 0)
        {
            await acknowledger.AcknowledgeAsync(Stream, [.. done.Select(p => p.Position)], cancellationToken);
            _awaiting.Remove(done);
        }

        if (_awaiting.Count == 0)
        {
            _acknowledgeTimer?.Dispose();
            _acknowledgeTimer = null;
        }
    }

    /// <summary>
    /// An hour answered from a new activation without messages waiting on it: applies them to it again.
    /// </summary>
    private async Task RepairAsync(AwaitedHour hour, PersistedPosition persisted)
    {
        await _repairing.WaitAsync();
        try
        {
            // A delivery may have found the new activation first and applied them while this waited.
            if (hour.Incarnation != persisted.Incarnation)
            {
                await ReapplyAsync(hour.Hour, persisted.Incarnation, persisted.Position, Next(hour.Latest));
                hour.Incarnation = persisted.Incarnation;
            }
        }
        finally
        {
            _repairing.Release();
        }
    }

    /// <summary>The position just after <paramref name="position"/>: a bound that includes it.</summary>
    private static StreamPosition Next(StreamPosition position) => position with { Index = position.Index + 1 };

    /// <summary>
    /// The batch with the events of types the account's catalog has no room for counted as type
    /// <c>(other)</c>. The catalog stores a new type before any hour counts it and answers the same for a
    /// type every time, so a message applied again (replayed, or repaired into an hour that lost it)
    /// counts under the same types as the first time.
    /// </summary>
    private async Task<EventBatch> PlaceTypesAsync(EventBatch batch)
    {
        var unknown = batch.Events.Select(e => e.Type).Where(type => !_keptTypes.Contains(type)).Distinct().ToImmutableArray();
        if (!unknown.IsEmpty && !_typesFull)
        {
            var kept = await GrainFactory.GetGrain<IAccountCatalogGrain>(Account).AdmitTypesAsync(unknown);
            var full = kept.Length < unknown.Length;
            await GrainFactory.GetGrain<IAccountCatalogGrain>(SeriesKey.AllAccounts).AddTypesAsync(full ? kept.Add(SeriesId.Overflow) : kept);
            _keptTypes.UnionWith(kept);
            _typesFull = full;
        }

        var overflowing = batch.Events.Count(e => !_keptTypes.Contains(e.Type));
        if (overflowing == 0)
        {
            return batch;
        }

        GrainMetrics.CountedInOverflow("type", overflowing, "account");
        return batch with { Events = [.. batch.Events.Select(e => _keptTypes.Contains(e.Type) ? e : e with { Type = SeriesId.Overflow })] };
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "Applied {Account} message {Position}: {Events} events, {Hours} hour groups")]
    private partial void LogBatchApplied(string account, StreamPosition position, int events, int hours);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Account}: a new activation applied the {Count} unacknowledged messages before {Delivered} first")]
    private partial void LogCaughtUp(string account, int count, StreamPosition delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Hour} is a new activation: re-applied {Count} unacknowledged messages to it, after {After} and before {Before}")]
    private partial void LogReapplied(string hour, int count, StreamPosition? after, StreamPosition before);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Account}: message {Position} failed on every delivery and is a dead letter now; the stream's later messages wait behind it until it is replayed (POST /api/admin/dead-letters/replay)")]
    private partial void LogDeadLettered(Exception exception, string account, StreamPosition position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Account}: message {Position} waits among the dead letters behind {DeadLetter}")]
    private partial void LogHeld(string account, StreamPosition position, StreamPosition deadLetter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Account}: the failed delivery of {Position} could not be counted in the queue; it is retried")]
    private partial void LogFailureNotRecorded(Exception exception, string account, StreamPosition position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying to {Counter} failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogApplyRetry(Exception exception, string counter, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "The events stream of {Account} failed")]
    private partial void LogStreamError(Exception exception, string account);
}
