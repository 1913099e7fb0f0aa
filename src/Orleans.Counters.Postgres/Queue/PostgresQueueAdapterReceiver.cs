using System.Diagnostics;

namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// Pulls one queue for a silo's pulling agent. Rows stay in the table while Orleans' cache holds and
/// delivers them: their lease, taken in this receiver's name, hides them from the next reads; a row's
/// messages, one per stream, are handed out as containers of their own, whose stream position is the
/// row's sequence; a row goes away only when all its messages are acknowledged through
/// <see cref="PostgresEventQueue.AcknowledgeAsync"/>, and comes back (with those still pending) when
/// the lease expires. Leases of rows still waiting in the cache are renewed (see
/// <see cref="ReceiverLeases"/>). Containers are numbered in the order handed out (their
/// <see cref="ReceiverToken"/>), so that a redelivered row, whose queue sequence is older than rows
/// already cached, still sorts last.
/// Three rules keep each stream in queue order, which consumers that drop anything at or below the last
/// position they applied depend on: a receiver takes its queue over under a new epoch, and a dequeue
/// or renewal naming an older one does nothing (the previous owner, if it still runs, learns it lost
/// the queue and stops reading); the new owner reads nothing until the previous owner's leases have
/// expired, and none can be taken after that; after a read that failed, which may have leased rows
/// whose answer never arrived, it gives those rows back before it reads again.
/// </summary>
internal sealed partial class PostgresQueueAdapterReceiver : IQueueAdapterReceiver
{
    private readonly PostgresEventQueue _queue;
    private readonly int _queueNumber;
    private readonly ILogger<PostgresQueueAdapterReceiver> _logger;
    private readonly Guid _holder = Guid.NewGuid();
    private readonly ReceiverLeases _leases;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stopRenewing = new();
    // Messages of rows already leased that did not fit the cache's last request: handed out first next time.
    private readonly Queue<IBatchContainer> _overflow = new();
    private readonly Lock _takeLock = new();
    private Task? _renewing;
    // The one take-over in flight or done: the agent starts reading before Initialize has returned,
    // and two takes by one receiver could leave it with the older epoch, which reads as a lost queue.
    private Task? _taking;
    private long _position;
    // 0 until the queue is taken; epochs start at 1. Read by the renewal loop too.
    private long _epoch;
    private int _lost;
    private bool _previousLeasesGone;
    private bool _mayHoldUnknownLeases;

    public PostgresQueueAdapterReceiver(PostgresEventQueue queue, int queueNumber, ILogger<PostgresQueueAdapterReceiver> logger, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _queue = queue;
        _queueNumber = queueNumber;
        _logger = logger;
        _leases = new ReceiverLeases(queue.Options.VisibilityTimeout);
    }

    /// <summary>The name this receiver takes its leases in.</summary>
    internal Guid Holder => _holder;

    /// <summary>Whether another receiver has taken the queue over: this one then reads nothing more.</summary>
    internal bool Lost => Volatile.Read(ref _lost) != 0;

    public async Task Initialize(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await TakeQueueAsync(cancellation.Token);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException)
        {
            // The first read takes it instead.
            LogTakeFailed(exception, _queue.Name, _queueNumber);
        }

        _renewing ??= RenewLeasesAsync(_stopRenewing.Token);
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        // The agent passes -1 when its cache sets no limit. A cache given more than it asked for
        // throws on the rest (CacheFullException), which would lose them from delivery: a row holds
        // several messages, so what does not fit waits here for the next request.
        var limit = maxCount < 0 ? int.MaxValue : maxCount;
        var count = Math.Min(limit, _queue.Options.DequeueBatchSize);
        if (Lost)
        {
            // Their rows come back to the new owner once our leases expire.
            _overflow.Clear();
            return [];
        }

        if (count == 0)
        {
            return [];
        }

        if (_overflow.Count > 0)
        {
            return TakeOverflow(limit);
        }

        if (!await ReadyToReadAsync(cancellationToken))
        {
            return [];
        }

        IReadOnlyList<LeasedMessage> rows;
        try
        {
            (rows, var lost) = await _queue.DequeueAsync(_queueNumber, count, _holder, Interlocked.Read(ref _epoch), cancellationToken);
            if (lost)
            {
                LoseQueue();
                return [];
            }
        }
        catch
        {
            _mayHoldUnknownLeases = true;
            throw;
        }

        _leases.HandedOut(rows.Select(row => row.Sequence));
        var batches = new List<IBatchContainer>(rows.Count);
        foreach (var row in rows)
        {
            StreamPayload payload;
            try
            {
                payload = _queue.ReadPayload(row.Payload);
            }
            catch (Exception exception)
            {
                // Left leased: it comes back after the lease and ends in the dead letters, not in a consumer.
                LogUnreadable(exception, _queue.Name, row.Stream, _queueNumber, row.Sequence);
                _leases.Delivered([row.Sequence], _clock.GetUtcNow().UtcDateTime);
                continue;
            }

            batches.Add(new PostgresBatchContainer(row.Stream, row.Sequence, ++_position, payload.Events, payload.RequestContext, row.Previous));
        }

        if (batches.Count <= limit)
        {
            return batches;
        }

        foreach (var batch in batches)
        {
            _overflow.Enqueue(batch);
        }

        return TakeOverflow(limit);
    }

    private List<IBatchContainer> TakeOverflow(int limit)
    {
        var batches = new List<IBatchContainer>(Math.Min(limit, _overflow.Count));
        while (batches.Count < limit && _overflow.TryDequeue(out var batch))
        {
            batches.Add(batch);
        }

        return batches;
    }

    // Orleans calls this when its cache purges messages, not when a consumer has persisted what they
    // did: rows are acknowledged explicitly instead. Their leases are no longer renewed.
    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        _leases.Delivered(messages.OfType<PostgresBatchContainer>().Select(m => m.QueueSequence), _clock.GetUtcNow().UtcDateTime);
        return Task.CompletedTask;
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        // Called once the pulling agent has stopped reading and its deliveries in flight have ended:
        // logged with how long the release took, so that a slow silo stop can be told apart stage by stage.
        var started = Stopwatch.GetTimestamp();
        LogShuttingDown(_queue.Name, _queueNumber);
        await _stopRenewing.CancelAsync();
        if (_renewing is not null)
        {
            await _renewing;
        }

        // The queue moves to another silo (or this one stops): what the cache still held would wait
        // out its lease there, so end the leases now. Rows already applied are dropped by the consumers.
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var released = await _queue.ReleaseAsync(_queueNumber, _holder, cancellation.Token);
            LogReleased(_queue.Name, _queueNumber, released, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException)
        {
            LogReleaseFailed(exception, _queue.Name, _queueNumber);
        }
    }

    /// <summary>Whether reading keeps the queue's order: no previous owner's leases left, none of ours unknown.</summary>
    private async Task<bool> ReadyToReadAsync(CancellationToken cancellationToken)
    {
        if (Lost)
        {
            return false;
        }

        if (Interlocked.Read(ref _epoch) == 0)
        {
            await TakeQueueAsync(cancellationToken);
        }

        if (!_previousLeasesGone)
        {
            // This receiver holds no lease yet, so any lease on the queue is a previous owner's; the
            // epoch it took keeps that owner from leasing or renewing any more, so once none is left
            // none can appear.
            if (await _queue.HasLeasesAsync(_queueNumber, cancellationToken))
            {
                return false;
            }

            _previousLeasesGone = true;
        }

        if (_mayHoldUnknownLeases)
        {
            var reclaimed = await _queue.ReclaimAsync(_queueNumber, _holder, _leases.Known(_clock.GetUtcNow().UtcDateTime), cancellationToken);
            _mayHoldUnknownLeases = false;
            if (reclaimed > 0)
            {
                LogReclaimed(_queue.Name, _queueNumber, reclaimed);
            }
        }

        return true;
    }

    private async Task RenewLeasesAsync(CancellationToken stop)
    {
        // Renewing three times per lease leaves two chances for a renewal that fails.
        using var timer = new PeriodicTimer(_queue.Options.VisibilityTimeout / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var due = _leases.Undelivered(_clock.GetUtcNow().UtcDateTime);
                var epoch = Interlocked.Read(ref _epoch);
                if (due.Count == 0 || epoch == 0)
                {
                    continue;
                }

                try
                {
                    var (held, lost) = await _queue.RenewAsync(_queueNumber, _holder, epoch, due, stop);
                    if (lost)
                    {
                        LoseQueue();
                        return;
                    }

                    _leases.Renewed(due, held);
                }
                catch (Exception exception) when (!stop.IsCancellationRequested)
                {
                    LogRenewFailed(exception, _queue.Name, _queueNumber, due.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private Task TakeQueueAsync(CancellationToken cancellationToken)
    {
        lock (_takeLock)
        {
            if (_taking is null || _taking.IsFaulted || _taking.IsCanceled)
            {
                _taking = TakeQueueOnceAsync(cancellationToken);
            }

            return _taking.WaitAsync(cancellationToken);
        }
    }

    private async Task TakeQueueOnceAsync(CancellationToken cancellationToken)
    {
        var epoch = await _queue.TakeQueueAsync(_queueNumber, _holder, cancellationToken);
        Interlocked.Exchange(ref _epoch, epoch);
        LogTookQueue(_queue.Name, _queueNumber, epoch);
    }

    private void LoseQueue()
    {
        if (Interlocked.Exchange(ref _lost, 1) == 0)
        {
            LogLostQueue(_queue.Name, _queueNumber, Interlocked.Read(ref _epoch));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream provider {Provider}: took queue {Queue} over at epoch {Epoch}")]
    private partial void LogTookQueue(string provider, int queue, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: taking queue {Queue} over failed; the first read tries again")]
    private partial void LogTakeFailed(Exception exception, string provider, int queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: another receiver took queue {Queue} over after epoch {Epoch}; this one reads and renews nothing more")]
    private partial void LogLostQueue(string provider, int queue, long epoch);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider}: cannot read message {Sequence} of stream {Stream} in queue {Queue}; it stays leased and will be dead-lettered after its deliveries")]
    private partial void LogUnreadable(Exception exception, string provider, StreamId stream, int queue, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream provider {Provider}: queue {Queue} shutting down, its pulling agent stopped")]
    private partial void LogShuttingDown(string provider, int queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream provider {Provider}: queue {Queue} shut down, {Count} leased messages released ({Elapsed:0} ms)")]
    private partial void LogReleased(string provider, int queue, int count, double elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: releasing the leased messages of queue {Queue} failed; they are delivered again when their leases expire")]
    private partial void LogReleaseFailed(Exception exception, string provider, int queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: a failed read of queue {Queue} had leased {Count} messages; they are read again")]
    private partial void LogReclaimed(string provider, int queue, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: renewing {Count} leases of queue {Queue} failed; retrying")]
    private partial void LogRenewFailed(Exception exception, string provider, int queue, int count);
}
