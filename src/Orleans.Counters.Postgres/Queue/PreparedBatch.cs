namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// A batch to enqueue as the columns the enqueue statement unnests: its rows (<see cref="Queues"/>,
/// <see cref="Namespaces"/>, in input order) and its messages (each one's row as an index into those,
/// 1-based as PostgreSQL's ordinality, its stream key and payload), in input order.
/// </summary>
internal sealed record PreparedBatch(int[] Queues, string[] Namespaces, int[] MessageRows, string[] Keys, byte[][] Payloads);
