using Orleans.Counters.Zones;
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
/// New event types are recorded in the account catalogs before any hour counts them (<see cref="TypePlacement"/>).
/// On a durable stream, a message is acknowledged once every hour group it touched has persisted it
/// (<see cref="AcknowledgementTracker"/>). Events are counted in the hours of the account's time zone, read
/// from its settings on activation and told of changes; a message counts in the zone in effect when it was
/// published (<see cref="MessagePlanner"/>).
/// An hour drops a message at or below the last position it applied, so none may get a message
/// before an earlier one it still lacks. Three causes could bring that about, and each is repaired from the
/// messages still in the queue before going on: this grain's own loss (a new activation first applies the
/// unacknowledged messages before the one delivered), an hour's (a new activation of an hour that
/// had not persisted messages refuses the next one until they are applied again: <see cref="HourRepair"/>),
/// and a stream delivered out of order (a message whose link names an earlier one this activation has not
/// applied: the unacknowledged messages before it are applied first; docs/exactly-once.md, item 9).
/// A message that fails every time becomes a dead letter, and the stream's later messages wait behind it
/// (<see cref="DeadLetterGate"/>).
/// </summary>
[ImplicitStreamSubscription(CounterStreams.EventsNamespace)]
// Never migrated, not even when its silo stops (Orleans 10.4 migrates an activation with queued requests
// at shutdown, and the stop waits for the target to accept it): a new activation replays from the queue.
[Immovable]
public sealed partial class IngestGrain(
    IEventAcknowledger acknowledger, IBotDetector bots, TimeProvider clock, GrainMetrics metrics, ILogger<IngestGrain> logger)
    : Grain, IIngestGrain, IStreamSubscriptionObserver, IAsyncObserver<EventBatch>, IAsyncBatchObserver<EventBatch>
{
    private const string MetricKind = "ingest";
    private static readonly TimeSpan AcknowledgeInterval = TimeSpan.FromSeconds(1);
    // Repairs from the acknowledgement timer, which interleaves, and deliveries take turns.
    private readonly SemaphoreSlim _repairing = new(1, 1);
    private MessagePlanner _planner = null!;
    private HourDispatch _dispatch = null!;
    private HourRepair _repair = null!;
    private AcknowledgementTracker _awaiting = null!;
    private DeadLetterGate _deadLetters = null!;
    private AccountActivity _activity = null!;
    private bool _caughtUp;
    private IGrainTimer? _acknowledgeTimer;
    private StreamPosition? _unapplied;
    // Every message of the stream at or below this position is applied by this activation or acknowledged
    // (durable streams: the catch-up sets it to just before its first delivery; applying in order moves it
    // on). A delivery that failed part-way comes again whole: the messages of it at or below are skipped.
    private StreamPosition _appliedThrough;
    // The latest publish time of the messages this activation applied: a change of zone takes effect after it.
    private DateTime? _latestPublished;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = StreamId.Create(CounterStreams.EventsNamespace, Account);
        var types = new TypePlacement(
            GrainFactory.GetGrain<IAccountCatalogGrain>(Account), GrainFactory.GetGrain<IAccountCatalogGrain>(SeriesKey.AllAccounts), metrics);
        _planner = new MessagePlanner(types, new PropertyPlacement(GrainFactory.GetGrain<IAccountCatalogGrain>(Account)), bots);
        _dispatch = new HourDispatch(GrainFactory.GetHourCounters, HourDispatch.DefaultBackoff, HourDispatch.DefaultMaxAttempts, clock, logger);
        _repair = new HourRepair(acknowledger, stream, _planner, _dispatch, logger);
        _awaiting = new AcknowledgementTracker(acknowledger, stream, hour => GrainFactory.GetHourCounters(hour).GetPersistedPositionAsync(Account));
        _deadLetters = new DeadLetterGate(acknowledger, stream, logger);
        _activity = new AccountActivity(
            Account, GrainFactory.GetGrain<IAccountCatalogGrain>(Account), GrainFactory.GetGrain<IAccountDirectoryGrain>(SeriesKey.AllAccounts), logger);
        _planner.History = (await GrainFactory.GetGrain<IAccountSettingsGrain>(Account).GetZoneAsync()).History;
        metrics.Activated(MetricKind);
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Deactivated(MetricKind);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> UseZoneHistoryAsync(ZoneHistory history)
    {
        if (_planner.History.Switches.SequenceEqual(history.Switches))
        {
            // Told again (the answer to the first telling was lost): it took effect then.
            return Task.FromResult(true);
        }

        // A message published after the change and applied already was counted in the former zone: applied
        // again (catch-up, repair) it would land in the new one. The change must take effect later.
        if (_latestPublished is { } latest && latest >= history.Switches[^1].At)
        {
            return Task.FromResult(false);
        }

        _planner.History = history;
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<EventBatch>().ResumeAsync((IAsyncBatchObserver<EventBatch>)this);

    /// <summary>
    /// The messages the silo's pulling agent had waiting for this stream, in order (up to
    /// <see cref="CounterStreams.DeliveryBatchSize"/>): applied together, with one call per hour group they touch
    /// carrying each message's part under its own position. Whatever that cannot take (a new activation's
    /// catch-up, a dead letter, a failure) goes one message at a time, where each has its own repair, retries
    /// and dead letter; a message applied together already is then dropped by its hours as a replay.
    /// </summary>
    public async Task OnNextAsync(IList<SequentialItem<EventBatch>> items)
    {
        if (items.Count > 1 && await TryApplyTogetherAsync(items))
        {
            return;
        }

        foreach (var item in items)
        {
            await OnNextAsync(item.Item, item.Token);
        }
    }

    /// <inheritdoc />
    public async Task OnNextAsync(EventBatch batch, StreamSequenceToken? token = null)
    {
        if (token is null)
        {
            throw new InvalidOperationException("The events stream must carry sequence tokens: counting exactly once depends on them.");
        }

        var position = new StreamPosition(token.SequenceNumber, token.EventIndex);
        if (position <= _appliedThrough)
        {
            LogAlreadyApplied(Account, position);
            return;
        }

        // The requests' traces go on here, and through Orleans' grain-call spans to the hour grains.
        using var trace = CountersActivitySource.StartConsumer("counters.ingest", batch.TraceParents, batch.Account);
        if (_deadLetters.MustWait(position, out var dead))
        {
            await _deadLetters.HoldAsync(position, dead);
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
                else if (PassedOver(token) is { } previous)
                {
                    await ApplyPassedOverAsync(position, previous);
                }

                if (_deadLetters.MustWait(position, out var refused))
                {
                    await _deadLetters.HoldAsync(position, refused);
                    return;
                }

                await ApplyMessageAsync(position, batch);
            }
            catch (Exception exception) when (acknowledger.IsEnabled && _unapplied is { } failed)
            {
                if (!await _deadLetters.GiveUpAsync(failed, exception))
                {
                    throw;
                }

                _unapplied = null;
                if (position > failed)
                {
                    await _deadLetters.HoldAsync(position, failed);
                }

                return;
            }

            _deadLetters.Applied(position);
        }
        finally
        {
            _repairing.Release();
        }

        metrics.Counted(batch.PublishedAt, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// Before a new activation's first delivery: applies the messages still unacknowledged before
    /// it, in order. An earlier activation applied them, but the hours may have lost them since.
    /// </summary>
    private async Task CatchUpAsync(StreamPosition delivered)
    {
        var applied = await ApplyUnacknowledgedAsync(after: null, delivered);
        LogCaughtUp(Account, applied, delivered);
        _caughtUp = true;
    }

    /// <summary>
    /// The link of a message to its stream's previous one, when that one is past what this activation has
    /// applied: the stream arrived out of order (the pulling agent passed a message over, or the queue handed
    /// a later row out first), and an hour that applied this message would drop the earlier one for good.
    /// </summary>
    private long? PassedOver(StreamSequenceToken token) => PassedOver(token, _appliedThrough);

    /// <summary>The link of a message, when it names one past <paramref name="covered"/> (durable streams only).</summary>
    private long? PassedOver(StreamSequenceToken token, StreamPosition covered) =>
        acknowledger.IsEnabled && token is LinkedSequenceToken { Previous: { } previous } && previous > covered.Sequence ? previous : null;

    /// <summary>Applies the unacknowledged messages between what this activation applied and <paramref name="delivered"/>, in order.</summary>
    private async Task ApplyPassedOverAsync(StreamPosition delivered, long previous)
    {
        var after = _appliedThrough;
        var applied = await ApplyUnacknowledgedAsync(after, delivered);
        LogPassedOver(Account, delivered, previous, after, applied);
    }

    /// <summary>
    /// Applies, in order, the stream's unacknowledged messages after <paramref name="after"/> (from the first
    /// when null) and before <paramref name="before"/>, and returns how many. A refused dead letter stops it:
    /// nothing after one was applied, and the rest waits for its replay.
    /// </summary>
    private async Task<int> ApplyUnacknowledgedAsync(StreamPosition? after, StreamPosition before)
    {
        var unacknowledged = await acknowledger.ReadUnacknowledgedAsync(Stream, after, before, CancellationToken.None);
        var applied = 0;
        foreach (var message in unacknowledged)
        {
            if (message.Refused)
            {
                _deadLetters.Refused(message.Position);
                return applied;
            }

            await ApplyMessageAsync(message.Position, message.Batch);
            applied++;
        }

        // The messages before `before` that the queue no longer holds were acknowledged: applied already.
        var justBefore = before.Index > 0 ? before with { Index = before.Index - 1 } : new StreamPosition(before.Sequence - 1, int.MaxValue);
        if (justBefore > _appliedThrough)
        {
            _appliedThrough = justBefore;
        }

        return applied;
    }

    private async Task ApplyMessageAsync(StreamPosition position, EventBatch batch)
    {
        QueuedMessage[] messages = [new(position, batch)];
        AppliedMessages applied;
        try
        {
            applied = await ApplyToHoursAsync(messages);
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

        await RecordAppliedAsync(messages, applied);
    }

    /// <summary>
    /// Applies several messages with one call per hour group: the batch path of <see cref="OnNextAsync(IList{SequentialItem{EventBatch}})"/>.
    /// False, with nothing recorded, when they must go one at a time.
    /// </summary>
    private async Task<bool> TryApplyTogetherAsync(IList<SequentialItem<EventBatch>> items)
    {
        if (items.Any(item => item.Token is null))
        {
            return false;
        }

        var fresh = items.Where(item => !(new StreamPosition(item.Token.SequenceNumber, item.Token.EventIndex) <= _appliedThrough)).ToArray();
        if (fresh.Length == 0)
        {
            return true;
        }

        // A message that passes one over goes alone, where what it passed over is applied first.
        if (PassesOver(fresh))
        {
            return false;
        }

        var messages = fresh.Select(item => new QueuedMessage(new StreamPosition(item.Token.SequenceNumber, item.Token.EventIndex), item.Item)).ToArray();

        using var trace = CountersActivitySource.StartConsumer(
            "counters.ingest", [.. messages.SelectMany(m => m.Batch.TraceParents).Take(CountersActivitySource.MaxTraceParents)], Account);
        await _repairing.WaitAsync();
        try
        {
            // A new activation catches up, and a stream held behind a message, one message at a time.
            if ((!_caughtUp && acknowledger.IsEnabled) || _unapplied is not null || !InOrder(messages)
                || messages.Any(m => _deadLetters.MustWait(m.Position, out _)))
            {
                return false;
            }

            AppliedMessages applied;
            try
            {
                applied = await ApplyToHoursAsync(messages);
            }
            catch (Exception exception)
            {
                LogTogetherFailed(exception, Account, messages.Length, messages[0].Position);
                return false;
            }

            await RecordAppliedAsync(messages, applied);
            foreach (var message in messages)
            {
                _deadLetters.Applied(message.Position);
            }
        }
        finally
        {
            _repairing.Release();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var message in messages)
        {
            metrics.Counted(message.Batch.PublishedAt, now);
        }

        return true;
    }

    /// <summary>Whether a message links to one neither covered already nor the one before it in <paramref name="items"/>.</summary>
    private bool PassesOver(IReadOnlyList<SequentialItem<EventBatch>> items)
    {
        var covered = _appliedThrough;
        foreach (var item in items)
        {
            if (PassedOver(item.Token, covered) is not null)
            {
                return true;
            }

            covered = new StreamPosition(item.Token.SequenceNumber, item.Token.EventIndex);
        }

        return false;
    }

    private static bool InOrder(QueuedMessage[] messages) =>
        messages.Zip(messages.Skip(1)).All(pair => pair.First.Position < pair.Second.Position);

    /// <summary>
    /// Plans the messages and applies them with one call per hour group touched, which carries each message's
    /// part as an increment of its own position, in order. Returns each message's touches and the activation
    /// of each hour that applied them.
    /// </summary>
    private async Task<AppliedMessages> ApplyToHoursAsync(IReadOnlyList<QueuedMessage> messages)
    {
        var planned = new IReadOnlyList<HourTouch>[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            planned[i] = await _planner.PlanAsync(messages[i].Batch);
        }

        var byHour = planned
            .SelectMany((touches, i) => touches.Select(touch => (messages[i].Position, Touch: touch)))
            .GroupBy(part => part.Touch.Hour)
            .ToArray();
        var incarnations = await Task.WhenAll(byHour.Select(hour => ApplyToHourAsync(hour.Key, [.. hour])));
        return new AppliedMessages(planned, byHour.Select((hour, i) => (hour.Key, incarnations[i])).ToDictionary());
    }

    /// <summary>After the hours took them: what the messages' acknowledgement and the account's activity need.</summary>
    private async Task RecordAppliedAsync(IReadOnlyList<QueuedMessage> messages, AppliedMessages applied)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var (position, batch) = messages[i];
            var touches = applied.Touches[i];
            if (batch.PublishedAt > (_latestPublished ?? DateTime.MinValue))
            {
                _latestPublished = batch.PublishedAt;
            }

            LogBatchApplied(batch.Account, position, batch.Events.Length, touches.Count);
            if (position > _appliedThrough)
            {
                _appliedThrough = position;
            }

            await _activity.NoteAsync(batch);
            if (acknowledger.IsEnabled)
            {
                _awaiting.Track(position, touches.Select(t => (t.Hour, applied.Incarnations[t.Hour])));
            }
        }

        if (acknowledger.IsEnabled)
        {
            _acknowledgeTimer ??= this.RegisterGrainTimer(
                AcknowledgePersistedAsync,
                new GrainTimerCreationOptions(AcknowledgeInterval, AcknowledgeInterval) { Interleave = true });
        }
    }

    /// <summary>
    /// Applies messages' parts to one hour in one call, naming the activation that holds this stream's waiting
    /// messages; when another one refuses them, first applies again what it lacks before the first. Returns the
    /// activation that applied them.
    /// </summary>
    private async Task<Guid> ApplyToHourAsync(CounterGroup hour, (StreamPosition Position, HourTouch Touch)[] parts)
    {
        var result = await _dispatch.ApplyAllAsync(hour, Increments(parts, _awaiting.IncarnationOf(hour)));
        if (result.Outcome == HourApplyOutcome.Reincarnated)
        {
            await _repair.ReapplyAsync(hour, result.Incarnation, after: result.Last, before: parts[0].Position);
            result = await _dispatch.ApplyAllAsync(hour, Increments(parts, result.Incarnation));
        }

        if (result.Outcome == HourApplyOutcome.Reincarnated)
        {
            throw new InvalidOperationException($"{hour} changed activation twice while {parts[0].Position} was applied to it; the message is delivered again.");
        }

        return result.Incarnation;
    }

    private ImmutableArray<GroupIncrement> Increments((StreamPosition Position, HourTouch Touch)[] parts, Guid? incarnation) =>
        [.. parts.Select(part => part.Touch.Increment(Account, part.Position, incarnation))];

    private async Task AcknowledgePersistedAsync(CancellationToken cancellationToken)
    {
        await _awaiting.AcknowledgePersistedAsync(RepairAsync, cancellationToken);
        if (!_awaiting.IsWaiting)
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
                await _repair.ReapplyAsync(hour.Hour, persisted.Incarnation, persisted.Position, Next(hour.Latest));
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

    private string Account => this.GetPrimaryKeyString();

    private StreamId Stream => StreamId.Create(CounterStreams.EventsNamespace, Account);

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex, Account);
        return Task.CompletedTask;
    }

    /// <summary>A message and its position in the stream.</summary>
    private readonly record struct QueuedMessage(StreamPosition Position, EventBatch Batch);

    /// <summary>Each message's touches, in the messages' order, and the activation of each hour that applied them.</summary>
    private sealed record AppliedMessages(IReadOnlyList<HourTouch>[] Touches, Dictionary<CounterGroup, Guid> Incarnations);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Applied {Account} message {Position}: {Events} events, {Hours} hour groups")]
    private partial void LogBatchApplied(string account, StreamPosition position, int events, int hours);

    [LoggerMessage(Level = LogLevel.Trace, Message = "{Account}: message {Position} was applied by this activation already")]
    private partial void LogAlreadyApplied(string account, StreamPosition position);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Account}: a new activation applied the {Count} unacknowledged messages before {Delivered} first")]
    private partial void LogCaughtUp(string account, int count, StreamPosition delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Account}: message {Delivered} follows {Previous}, past what this activation applied ({Applied}): the stream arrived out of order; applied the {Count} unacknowledged messages before it first")]
    private partial void LogPassedOver(string account, StreamPosition delivered, long previous, StreamPosition applied, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Account}: {Count} messages from {First} could not be applied together; they go one at a time")]
    private partial void LogTogetherFailed(Exception exception, string account, int count, StreamPosition first);

    [LoggerMessage(Level = LogLevel.Error, Message = "The events stream of {Account} failed")]
    private partial void LogStreamError(Exception exception, string account);
}
