using System.Text;
using NpgsqlTypes;
using Orleans.Serialization;

namespace Orleans.Counters.Streaming.Postgres;

/// <summary>
/// The queues of one PostgreSQL stream provider, for use with or without Orleans' stream producer:
/// enqueue a batch all or nothing in one round trip, lease, acknowledge, and read the dead letters.
/// Registered in DI as a keyed singleton under the provider's name.
/// </summary>
public sealed partial class PostgresEventQueue : IAsyncDisposable
{
    // Strict: a stream id that is not UTF-8 fails loudly instead of being stored mangled.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly NpgsqlDataSource _dataSource;
    private readonly Serializer _serializer;
    private readonly ILogger<PostgresEventQueue> _logger;

    /// <summary>Creates the queues of provider <paramref name="name"/>; owns a connection pool until disposed.</summary>
    public PostgresEventQueue(string name, PostgresStreamOptions options, Serializer serializer, ILogger<PostgresEventQueue> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Name = name;
        Options = options;
        _serializer = serializer;
        _logger = logger;
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    /// <summary>The stream provider's name; the rows of this provider carry it.</summary>
    public string Name { get; }

    /// <summary>The settings.</summary>
    public PostgresStreamOptions Options { get; }

    /// <summary>The queue a stream maps to.</summary>
    public int GetQueue(StreamId stream) => PostgresStreamQueueMapper.GetQueue(stream, Options.QueueCount);

    /// <summary>Serialises the events of one stream message as the receivers expect them.</summary>
    public QueueMessage CreateMessage<T>(StreamId stream, IEnumerable<T> events, Dictionary<string, object>? requestContext = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var payload = new StreamPayload
        {
            Events = [.. events.Select(e => (object)e!)],
            RequestContext = requestContext is { Count: > 0 } ? requestContext : null,
        };
        return new QueueMessage(stream, _serializer.SerializeToArray(payload));
    }

    /// <summary>
    /// Enqueues the messages in one transaction and one round trip: all of them or, when it throws,
    /// none. Returns each message's queue and sequence, in input order. Retries when PostgreSQL aborts
    /// the transaction to break a deadlock or a serialization conflict.
    /// </summary>
    public async Task<IReadOnlyList<(int Queue, long Sequence)>> EnqueueAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return [];
        }

        var batch = PrepareBatch(messages);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                return await EnqueueAsync(connection, transaction: null, batch, cancellationToken);
            }
            catch (PostgresException exception) when (IsTransient(exception) && attempt < Options.EnqueueAttempts)
            {
                LogEnqueueRetry(exception, Name, messages.Count, attempt);
            }
        }
    }

    /// <summary>
    /// Enqueues the messages inside the caller's transaction (with other statements of the caller),
    /// in one round trip. The touched queues stay locked for other enqueuers until that transaction
    /// ends: keep it short. The caller retries on a deadlock.
    /// </summary>
    public Task<IReadOnlyList<(int Queue, long Sequence)>> EnqueueAsync(IReadOnlyList<QueueMessage> messages, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has completed.", nameof(transaction));
        return messages.Count == 0
            ? Task.FromResult<IReadOnlyList<(int Queue, long Sequence)>>([])
            : EnqueueAsync(connection, transaction, PrepareBatch(messages), cancellationToken);
    }

    /// <summary>
    /// Takes the next <paramref name="maxCount"/> visible rows of <paramref name="queue"/>, lowest
    /// sequence first, in one transaction: leases them for <see cref="PostgresStreamOptions.VisibilityTimeout"/>
    /// and returns them, except those already delivered <see cref="PostgresStreamOptions.MaxDeliveries"/>
    /// times, which move to the dead letters instead (each logged as an error). <paramref name="holder"/>
    /// names the lease holder, so that it can renew and release its leases; default: anonymous.
    /// </summary>
    public async Task<IReadOnlyList<LeasedMessage>> DequeueAsync(int queue, int maxCount, Guid holder = default, CancellationToken cancellationToken = default)
    {
        CheckQueue(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        await using var command = _dataSource.CreateCommand(PostgresStreamSql.Dequeue);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = queue });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Options.VisibilityTimeout, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Options.MaxDeliveries });
        command.Parameters.Add(new NpgsqlParameter { Value = holder == Guid.Empty ? DBNull.Value : holder, NpgsqlDbType = NpgsqlDbType.Uuid });

        var leased = new List<LeasedMessage>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var sequence = reader.GetInt64(1);
                var stream = ToStreamId(reader.GetString(2), reader.GetString(3));
                var deliveries = reader.GetInt32(5);
                if (reader.GetBoolean(0))
                {
                    LogDeadLettered(Name, stream, queue, sequence, deliveries);
                    continue;
                }

                leased.Add(new LeasedMessage(queue, sequence, stream, reader.GetFieldValue<byte[]>(4), deliveries, reader.GetFieldValue<DateTimeOffset>(6)));
            }
        }

        // RETURNING has no order; consumers need the queue's.
        leased.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return leased;
    }

    /// <summary>
    /// Acknowledges messages: deletes their rows, so they are never delivered again. Returns how many
    /// were still there (an acknowledged or dead-lettered row is not).
    /// </summary>
    public async Task<int> AcknowledgeAsync(IEnumerable<(int Queue, long Sequence)> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyCollection<(int Queue, long Sequence)> ?? [.. messages];
        if (list.Count == 0)
        {
            return 0;
        }

        await using var command = _dataSource.CreateCommand(PostgresStreamSql.Acknowledge);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. list.Select(m => m.Queue)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. list.Select(m => m.Sequence)] });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The messages of one stream still in the queue (not acknowledged, leased or not) with a sequence
    /// above <paramref name="after"/> and at most <paramref name="upTo"/>, lowest first, with their events.
    /// </summary>
    public async Task<IReadOnlyList<(long Sequence, IReadOnlyList<object> Events)>> ReadStreamAsync(
        StreamId stream, long after, long upTo, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresStreamSql.ReadStream);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = GetQueue(stream) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StrictUtf8.GetString(stream.Namespace.Span) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StrictUtf8.GetString(stream.Key.Span) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upTo });
        var messages = new List<(long, IReadOnlyList<object>)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add((reader.GetInt64(0), ReadEvents(reader.GetFieldValue<byte[]>(1))));
        }

        return messages;
    }

    /// <summary>Counts the dead letters of this provider.</summary>
    public async Task<long> CountDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresStreamSql.CountDeadLetters);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Lists up to <paramref name="limit"/> dead letters of this provider, oldest first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = _dataSource.CreateCommand(PostgresStreamSql.ListDeadLetters);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var deadLetters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deadLetters.Add(new DeadLetter(
                reader.GetInt32(0),
                reader.GetInt64(1),
                ToStreamId(reader.GetString(2), reader.GetString(3)),
                reader.GetFieldValue<byte[]>(4),
                reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return deadLetters;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Extends <paramref name="holder"/>'s leases on the given rows by a visibility timeout; returns the rows it still holds.</summary>
    internal async Task<IReadOnlyList<long>> RenewAsync(int queue, Guid holder, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        CheckQueue(queue);
        if (sequences.Count == 0)
        {
            return [];
        }

        await using var command = CreateLeaseCommand(PostgresStreamSql.Renew, queue, holder);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. sequences] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Options.VisibilityTimeout, NpgsqlDbType = NpgsqlDbType.Interval });
        var held = new List<long>(sequences.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            held.Add(reader.GetInt64(0));
        }

        return held;
    }

    /// <summary>
    /// Ends <paramref name="holder"/>'s live leases on the queue except those on <paramref name="known"/>
    /// rows, and uncounts their delivery: a dequeue that failed may have leased rows it never returned.
    /// </summary>
    internal async Task<int> ReclaimAsync(int queue, Guid holder, IReadOnlyCollection<long> known, CancellationToken cancellationToken)
    {
        CheckQueue(queue);
        await using var command = CreateLeaseCommand(PostgresStreamSql.Reclaim, queue, holder);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. known] });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends every live lease of <paramref name="holder"/> on the queue: the rows become visible at once.</summary>
    internal async Task<int> ReleaseAsync(int queue, Guid holder, CancellationToken cancellationToken)
    {
        CheckQueue(queue);
        await using var command = CreateLeaseCommand(PostgresStreamSql.Release, queue, holder);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True while some row of the queue is leased.</summary>
    internal async Task<bool> HasLeasesAsync(int queue, CancellationToken cancellationToken)
    {
        CheckQueue(queue);
        await using var command = _dataSource.CreateCommand(PostgresStreamSql.HasLeases);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = queue });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The events a stored message carries: a leased row's or a dead letter's payload.</summary>
    public IReadOnlyList<object> ReadEvents(byte[] payload) => ReadPayload(payload).Events;

    /// <summary>Reads a payload written by <see cref="CreateMessage{T}(StreamId, IEnumerable{T}, Dictionary{string, object}?)"/>.</summary>
    internal StreamPayload ReadPayload(byte[] payload) =>
        _serializer.Deserialize<StreamPayload>(payload) ?? throw new InvalidDataException("The payload holds no stream message.");

    private NpgsqlCommand CreateLeaseCommand(string sql, int queue, Guid holder)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = queue });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = holder });
        return command;
    }

    private static StreamId ToStreamId(string streamNamespace, string key) =>
        StreamId.Create(StrictUtf8.GetBytes(streamNamespace), StrictUtf8.GetBytes(key));

    private static bool IsTransient(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    private async Task<IReadOnlyList<(int Queue, long Sequence)>> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PreparedBatch batch, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresStreamSql.Enqueue, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = batch.Queues });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = batch.Namespaces });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = batch.Keys });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = batch.Payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });

        // Each queue's first sequence of this batch: its counter after the bump minus its message count.
        var next = new Dictionary<int, long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                next[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        var counts = batch.Queues.CountBy(q => q).ToDictionary();
        var positions = new (int Queue, long Sequence)[batch.Queues.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            var queue = batch.Queues[i];
            positions[i] = (queue, next[queue] - counts[queue]);
            counts[queue]--;
        }

        return positions;
    }

    private PreparedBatch PrepareBatch(IReadOnlyList<QueueMessage> messages)
    {
        var batch = new PreparedBatch(new int[messages.Count], new string[messages.Count], new string[messages.Count], new byte[messages.Count][]);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new ArgumentException($"Message {i} is null.", nameof(messages));
            batch.Queues[i] = GetQueue(message.Stream);
            batch.Namespaces[i] = StrictUtf8.GetString(message.Stream.Namespace.Span);
            batch.Keys[i] = StrictUtf8.GetString(message.Stream.Key.Span);
            batch.Payloads[i] = message.Payload ?? throw new ArgumentException($"Message {i} has no payload.", nameof(messages));
        }

        return batch;
    }

    private void CheckQueue(int queue) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)queue, (uint)Options.QueueCount, nameof(queue));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enqueueing {Count} messages on stream provider {Provider} was aborted by PostgreSQL (attempt {Attempt}); retrying")]
    private partial void LogEnqueueRetry(Exception exception, string provider, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider}: message {Sequence} of stream {Stream} in queue {Queue} was delivered {Deliveries} times without an acknowledgement; moved to counters_stream_dead_letter")]
    private partial void LogDeadLettered(string provider, StreamId stream, int queue, long sequence, int deliveries);
}
