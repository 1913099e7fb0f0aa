using Orleans.Counters.Grains.Operations;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Consumes one account's event stream: pre-aggregates each batch and makes one call per
/// touched hour group (an account shard's hour), tagged with the message's stream position so that a replayed
/// message is not counted twice. That also makes retrying a failed call safe, so a counter
/// that fails to activate for a moment (its storage busy) is retried before the batch fails.
/// New event types are recorded in the account catalogs. On a durable stream, a message is
/// acknowledged once every hour group it touched has persisted it. Events are counted in the
/// hours of the account's time zone, read from its settings on activation and told of changes.
/// </summary>
[ImplicitStreamSubscription(CounterStreams.EventsNamespace)]
public sealed partial class IngestGrain(IEventAcknowledger acknowledger, IBotDetector bots, ILogger<IngestGrain> logger)
    : Grain, IIngestGrain, IStreamSubscriptionObserver, IAsyncObserver<EventBatch>
{
    private const string MetricKind = "ingest";
    private const int MaxAttempts = 5;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan AcknowledgeInterval = TimeSpan.FromSeconds(1);
    private readonly HashSet<string> _knownTypes = [];
    private readonly AcknowledgementBook _awaiting = new();
    private IGrainTimer? _acknowledgeTimer;
    private StreamPosition? _unapplied;
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
        if (_unapplied is { } earlier && position > earlier)
        {
            // The stream's agent gave up on an earlier message and moved on. Applying this one would
            // make the hour groups drop the earlier one when it comes back: refuse until it has.
            throw new InvalidOperationException($"Message {earlier} of {batch.Account} is not applied yet; {position} waits for it.");
        }

        var touches = HourTouchAggregator.Aggregate(batch, _zone, bots.IsBot);
        try
        {
            await Task.WhenAll(touches.Select(touch =>
                ApplyWithRetryAsync(GrainFactory.GetHourCounters(touch.Hour), new GroupIncrement(batch.Account, position, touch.Series))));
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

        GrainMetrics.Counted(batch.PublishedAt, DateTime.UtcNow);
        await RecordNewTypesAsync(batch);
        LogBatchApplied(batch.Account, position, batch.Events.Length, touches.Count);
        if (acknowledger.IsEnabled)
        {
            _awaiting.Add(position, touches.Select(t => t.Hour));
            _acknowledgeTimer ??= this.RegisterGrainTimer(
                AcknowledgePersistedAsync,
                new GrainTimerCreationOptions(AcknowledgeInterval, AcknowledgeInterval) { Interleave = true });
        }
    }

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex, this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    private async Task ApplyWithRetryAsync(IHourCountersGrain hour, GroupIncrement increment)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await hour.ApplyAsync(increment);
                return;
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
        var account = this.GetPrimaryKeyString();
        var hours = _awaiting.HoursToAsk();
        var persisted = await Task.WhenAll(hours.Select(h => GrainFactory.GetHourCounters(h.Hour).GetPersistedPositionAsync(account)));
        for (var i = 0; i < hours.Count; i++)
        {
            _awaiting.Record(hours[i], persisted[i]);
        }

        var done = _awaiting.Persisted();
        if (done.Count > 0)
        {
            await acknowledger.AcknowledgeAsync(StreamId.Create(CounterStreams.EventsNamespace, account), [.. done.Select(p => p.Position)], cancellationToken);
            _awaiting.Remove(done);
        }

        if (_awaiting.Count == 0)
        {
            _acknowledgeTimer?.Dispose();
            _acknowledgeTimer = null;
        }
    }

    private async Task RecordNewTypesAsync(EventBatch batch)
    {
        var newTypes = batch.Events.Select(e => e.Type).Where(type => !_knownTypes.Contains(type)).Distinct().ToImmutableArray();
        if (newTypes.IsEmpty)
        {
            return;
        }

        await Task.WhenAll(
            GrainFactory.GetGrain<IAccountCatalogGrain>(batch.Account).AddTypesAsync(newTypes),
            GrainFactory.GetGrain<IAccountCatalogGrain>(SeriesKey.AllAccounts).AddTypesAsync(newTypes));
        _knownTypes.UnionWith(newTypes);
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "Applied {Account} message {Position}: {Events} events, {Hours} hour groups")]
    private partial void LogBatchApplied(string account, StreamPosition position, int events, int hours);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying to {Counter} failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogApplyRetry(Exception exception, string counter, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "The events stream of {Account} failed")]
    private partial void LogStreamError(Exception exception, string account);
}
