namespace Orleans.Counters.Postgres.Queue;

/// <summary>Orleans' side of the queues: producers enqueue through it, silos get a receiver per queue.</summary>
internal sealed class PostgresQueueAdapter(PostgresEventQueue queue, ILoggerFactory loggerFactory, TimeProvider clock) : IQueueAdapter
{
    public string Name => queue.Name;

    // Rows are deleted when acknowledged, so a subscription cannot start from an older token.
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new PostgresQueueAdapterReceiver(queue, PostgresStreamQueueMapper.GetQueue(queueId), loggerFactory.CreateLogger<PostgresQueueAdapterReceiver>(), clock);

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("The PostgreSQL stream assigns sequence tokens itself; do not pass one.", nameof(token));
        }

        // The interface passes no cancellation token.
        await queue.EnqueueAsync([queue.CreateMessage(streamId, events, requestContext)], CancellationToken.None);
    }
}
