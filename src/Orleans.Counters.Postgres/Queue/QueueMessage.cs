namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// One stream message to enqueue: the stream it belongs to and its payload, the message's events
/// serialised by <see cref="PostgresEventQueue.CreateMessage{T}(StreamId, IEnumerable{T}, Dictionary{string, object}?)"/>.
/// </summary>
/// <param name="Stream">The stream; its key chooses the queue.</param>
/// <param name="Payload">The serialised events.</param>
public sealed record QueueMessage(StreamId Stream, byte[] Payload);
