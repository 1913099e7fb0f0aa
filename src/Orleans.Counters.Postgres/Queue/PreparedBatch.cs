namespace Orleans.Counters.Postgres.Queue;

/// <summary>A batch to enqueue as the columns the enqueue statement unnests, in input order.</summary>
internal sealed record PreparedBatch(int[] Queues, string[] Namespaces, string[] Keys, byte[][] Payloads);
