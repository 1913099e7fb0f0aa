namespace Orleans.Counters.Postgres.Tests;

/// <summary>For tests about one message per row: enqueues each message alone, so each gets a row (and a sequence) of its own.</summary>
public static class EnqueueEach
{
    /// <summary>Enqueues the messages one at a time, in order; returns each one's position.</summary>
    public static async Task<IReadOnlyList<(int Queue, long Sequence)>> EnqueueEachAsync(this PostgresEventQueue queue, IEnumerable<QueueMessage> messages)
    {
        var positions = new List<(int Queue, long Sequence)>();
        foreach (var message in messages)
        {
            positions.AddRange(await queue.EnqueueAsync([message]));
        }

        return positions;
    }
}
