namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// Packs the messages of one enqueue into as few rows as keep each stream in order: one row per
/// (queue, namespace) holds at most one message per stream, so a stream's second message of the batch
/// goes to the queue's next row (whose sequence is higher). A group commit that merged each account's
/// events into one message writes one row per queue it touches.
/// </summary>
internal static class QueueRowPacker
{
    /// <summary>
    /// Packs the messages; rows are numbered in the order their first message came, so within a queue
    /// a later row gets a higher sequence. <paramref name="queues"/>, <paramref name="namespaces"/> and
    /// <paramref name="keys"/> are each message's.
    /// </summary>
    public static PreparedBatch Pack(IReadOnlyList<int> queues, IReadOnlyList<string> namespaces, IReadOnlyList<string> keys, IReadOnlyList<byte[]> payloads)
    {
        var rowQueues = new List<int>();
        var rowNamespaces = new List<string>();
        var messageRows = new int[keys.Count];

        // A stream's n-th message of the batch goes to the n-th row of its (queue, namespace).
        var rowsOf = new Dictionary<(int, string), List<int>>();
        var messagesOf = new Dictionary<(string, string), int>();
        for (var i = 0; i < keys.Count; i++)
        {
            var stream = (namespaces[i], keys[i]);
            var round = messagesOf.GetValueOrDefault(stream);
            messagesOf[stream] = round + 1;
            if (!rowsOf.TryGetValue((queues[i], namespaces[i]), out var rows))
            {
                rowsOf[(queues[i], namespaces[i])] = rows = [];
            }

            if (round == rows.Count)
            {
                rowQueues.Add(queues[i]);
                rowNamespaces.Add(namespaces[i]);
                rows.Add(rowQueues.Count);
            }

            messageRows[i] = rows[round];
        }

        return new PreparedBatch([.. rowQueues], [.. rowNamespaces], messageRows, [.. keys], [.. payloads]);
    }

    /// <summary>
    /// Each message's (queue, sequence) once the enqueue returned each queue's counter after its bump
    /// (<paramref name="nextSequences"/>): a queue's rows got the sequences below it, in row order.
    /// </summary>
    public static (int Queue, long Sequence)[] Positions(PreparedBatch batch, IReadOnlyDictionary<int, long> nextSequences)
    {
        var left = batch.Queues.CountBy(q => q).ToDictionary();
        var rowSequences = new long[batch.Queues.Length];
        for (var row = 0; row < rowSequences.Length; row++)
        {
            var queue = batch.Queues[row];
            rowSequences[row] = nextSequences[queue] - left[queue];
            left[queue]--;
        }

        return [.. batch.MessageRows.Select(row => (batch.Queues[row - 1], rowSequences[row - 1]))];
    }
}
