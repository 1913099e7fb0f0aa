namespace Orleans.Counters.Streaming.Postgres;

/// <summary>
/// Pulls one queue for a silo's pulling agent. Rows stay in the table while Orleans' cache holds and
/// delivers them: their lease hides them from the next reads; they go away only when acknowledged
/// through <see cref="PostgresEventQueue.AcknowledgeAsync"/>, and come back when the lease expires.
/// Containers are numbered in the order handed out (their <see cref="ReceiverToken"/>), so that a
/// redelivered row, whose queue sequence is older than rows already cached, still sorts last.
/// A receiver taking over a queue from a silo that died reads nothing until that silo's leases have
/// expired: otherwise it would deliver later rows of a stream before the earlier ones still leased,
/// and consumers that drop anything at or below the last position they applied would lose those.
/// </summary>
internal sealed partial class PostgresQueueAdapterReceiver(PostgresEventQueue queue, int queueNumber, ILogger<PostgresQueueAdapterReceiver> logger)
    : IQueueAdapterReceiver
{
    // Leases handed to the cache and not yet expired (by this process's clock): what Shutdown releases.
    private readonly Dictionary<long, (int Deliveries, DateTime ExpiresUtc)> _leases = [];
    private readonly Lock _lock = new();
    private long _position;
    private bool _previousLeasesGone;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        // The agent passes -1 when its cache sets no limit.
        var count = maxCount < 0 ? queue.Options.DequeueBatchSize : Math.Min(maxCount, queue.Options.DequeueBatchSize);
        if (count == 0)
        {
            return [];
        }

        if (!_previousLeasesGone)
        {
            // This receiver holds no lease yet, so any lease on the queue is a previous owner's.
            if (await queue.HasLeasesAsync(queueNumber, cancellationToken))
            {
                return [];
            }

            _previousLeasesGone = true;
        }

        var rows = await queue.DequeueAsync(queueNumber, count, cancellationToken);
        var batches = new List<IBatchContainer>(rows.Count);
        var expires = DateTime.UtcNow + queue.Options.VisibilityTimeout;
        foreach (var row in rows)
        {
            StreamPayload payload;
            try
            {
                payload = queue.ReadPayload(row.Payload);
            }
            catch (Exception exception)
            {
                // Left leased: it comes back after the lease and ends in the dead letters, not in a consumer.
                LogUnreadable(exception, queue.Name, row.Stream, queueNumber, row.Sequence);
                continue;
            }

            batches.Add(new PostgresBatchContainer(row.Stream, row.Sequence, ++_position, payload.Events, payload.RequestContext));
        }

        lock (_lock)
        {
            var now = DateTime.UtcNow;
            foreach (var expired in _leases.Where(l => l.Value.ExpiresUtc <= now).Select(l => l.Key).ToList())
            {
                _leases.Remove(expired);
            }

            foreach (var row in rows)
            {
                _leases[row.Sequence] = (row.Deliveries, expires);
            }
        }

        return batches;
    }

    // Orleans calls this when its cache purges messages, not when a consumer has persisted what they
    // did: rows are acknowledged explicitly instead, so nothing happens here.
    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task Shutdown(TimeSpan timeout)
    {
        // The queue moves to another silo (or this one stops): what the cache still held would wait
        // out its lease there, so end the leases now. Rows already applied are dropped by the consumers.
        List<(long Sequence, int Deliveries)> leases;
        lock (_lock)
        {
            var now = DateTime.UtcNow;
            leases = [.. _leases.Where(l => l.Value.ExpiresUtc > now).Select(l => (l.Key, l.Value.Deliveries))];
            _leases.Clear();
        }

        if (leases.Count == 0)
        {
            return;
        }

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var released = await queue.ReleaseAsync(queueNumber, leases, cancellation.Token);
            LogReleased(queue.Name, queueNumber, released);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException)
        {
            LogReleaseFailed(exception, queue.Name, queueNumber, leases.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider}: cannot read message {Sequence} of stream {Stream} in queue {Queue}; it stays leased and will be dead-lettered after its deliveries")]
    private partial void LogUnreadable(Exception exception, string provider, StreamId stream, int queue, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream provider {Provider}: queue {Queue} shut down, {Count} leased messages released")]
    private partial void LogReleased(string provider, int queue, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: releasing {Count} leased messages of queue {Queue} failed; they are delivered again when their leases expire")]
    private partial void LogReleaseFailed(Exception exception, string provider, int queue, int count);
}
