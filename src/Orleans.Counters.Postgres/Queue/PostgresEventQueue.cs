using System.Text;
using NpgsqlTypes;
using Orleans.Serialization;

namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// The queues of one PostgreSQL stream provider, for use with or without Orleans' stream producer:
/// enqueue a batch all or nothing in one round trip, lease, acknowledge, and read the dead letters.
/// An enqueue writes one row per queue it touches, holding one message per stream
/// (<see cref="QueueRowPacker"/>); the row's sequence is each of its messages' stream position, rows
/// are leased whole and a row goes once each of its messages is acknowledged or dead-lettered.
/// Registered in DI as a keyed singleton under the provider's name.
/// </summary>
public sealed partial class PostgresEventQueue
{
    // Strict: a stream id that is not UTF-8 fails loudly instead of being stored mangled.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly NpgsqlDataSource _dataSource;
    private readonly Serializer _serializer;
    private readonly ILogger<PostgresEventQueue> _logger;

    /// <summary>Creates the queues of provider <paramref name="name"/>, on the process's connection pool <paramref name="database"/>.</summary>
    public PostgresEventQueue(string name, PostgresStreamOptions options, PostgresDataSource database, Serializer serializer, ILogger<PostgresEventQueue> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        options.Validate();
        Name = name;
        Options = options;
        _serializer = serializer;
        _logger = logger;
        Database = database;
        _dataSource = database.Source;
    }

    /// <summary>The stream provider's name; the rows of this provider carry it.</summary>
    public string Name { get; }

    /// <summary>The settings.</summary>
    public PostgresStreamOptions Options { get; }

    /// <summary>The process's connection pool, which the queue borrows from.</summary>
    public PostgresDataSource Database { get; }

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
    /// none. Returns each message's queue and sequence (its row's: messages of several streams share
    /// one), in input order. Retries when PostgreSQL aborts
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
    /// times and those of a stream with an earlier refused dead letter, which move to the dead letters
    /// instead (each logged as an error). <paramref name="holder"/> names the lease holder, so that it
    /// can renew and release its leases; default: anonymous. Queue ownership is not checked.
    /// </summary>
    public async Task<IReadOnlyList<LeasedMessage>> DequeueAsync(int queue, int maxCount, Guid holder = default, CancellationToken cancellationToken = default) =>
        (await DequeueAsync(queue, maxCount, holder, epoch: null, cancellationToken)).Rows;

    /// <summary>
    /// As <see cref="DequeueAsync(int, int, Guid, CancellationToken)"/>, for <paramref name="holder"/>
    /// owning the queue at <paramref name="epoch"/> (no check when null); Lost when another receiver
    /// has taken the queue since, and then nothing was leased.
    /// </summary>
    internal async Task<(IReadOnlyList<LeasedMessage> Rows, bool Lost)> DequeueAsync(int queue, int maxCount, Guid holder, long? epoch, CancellationToken cancellationToken)
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
        command.Parameters.Add(new NpgsqlParameter { Value = epoch is { } e ? e : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });

        var leased = new List<(long Index, LeasedMessage Message)>();
        var lost = false;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var kind = reader.GetInt32(0);
                if (kind == 2)
                {
                    lost = true;
                    continue;
                }

                var sequence = reader.GetInt64(1);
                var stream = ToStreamId(reader.GetString(2), reader.GetString(3));
                var deliveries = reader.GetInt32(5);
                if (kind == 1)
                {
                    LogDeadLettered(Name, stream, queue, sequence, deliveries);
                    continue;
                }

                var previous = reader.IsDBNull(8) ? (long?)null : reader.GetInt64(8);
                leased.Add((reader.GetInt64(7), new LeasedMessage(queue, sequence, stream, reader.GetFieldValue<byte[]>(4), deliveries, reader.GetFieldValue<DateTimeOffset>(6), previous)));
            }
        }

        // RETURNING has no order; consumers need the queue's (and within a row, its own).
        return ([.. leased.OrderBy(m => m.Message.Sequence).ThenBy(m => m.Index).Select(m => m.Message)], lost);
    }

    /// <summary>
    /// Records that the consumer of <paramref name="stream"/> failed to apply its message
    /// <paramref name="sequence"/>, with the <paramref name="error"/> it threw. The
    /// <see cref="PostgresStreamOptions.MaxDeliveries"/>th failure moves the message to the dead
    /// letters (logged as an error), and with it the later messages of its stream still queued, which
    /// wait behind it; later ones are moved there when leased, until it is replayed.
    /// </summary>
    public Task<DeliveryFailureOutcome> RecordFailedDeliveryAsync(StreamId stream, long sequence, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        return BuryAsync(stream, sequence, error, Options.MaxDeliveries, cancellationToken);
    }

    /// <summary>
    /// Moves message <paramref name="sequence"/> of <paramref name="stream"/>, and its stream's later
    /// messages, to the dead letters at once, to wait behind the dead letter <paramref name="deadSequence"/>
    /// of the same stream: for a consumer that was handed a message its stream must not apply yet.
    /// </summary>
    public Task<DeliveryFailureOutcome> HoldBehindDeadLetterAsync(StreamId stream, long sequence, long deadSequence, CancellationToken cancellationToken = default) =>
        BuryAsync(stream, sequence, $"waits for dead letter {GetQueue(stream)}:{deadSequence}", maxFailures: 0, cancellationToken);

    /// <summary>
    /// Puts dead letters back in their queues under their own sequences, visible at once: all of this
    /// provider's, or the one at (<paramref name="queue"/>, <paramref name="sequence"/>) with the later
    /// dead letters of its stream, which wait behind it. Returns the messages put back, in queue order.
    /// </summary>
    public async Task<IReadOnlyList<(int Queue, long Sequence)>> ReplayDeadLettersAsync(int? queue = null, long? sequence = null, CancellationToken cancellationToken = default)
    {
        if (queue is { } q)
        {
            CheckQueue(q);
        }

        if (queue.HasValue != sequence.HasValue)
        {
            throw new ArgumentException("Give both the queue and the sequence of a dead letter, or neither.", nameof(sequence));
        }

        await using var command = _dataSource.CreateCommand(PostgresStreamSql.ReplayDeadLetters);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter { Value = queue is { } qq ? qq : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = sequence is { } s ? s : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        var replayed = new List<(int, long)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                replayed.Add((reader.GetInt32(0), reader.GetInt64(1)));
            }
        }

        replayed.Sort();
        LogReplayed(Name, replayed.Count);
        return replayed;
    }

    /// <summary>
    /// Acknowledges messages, each named by its stream and its sequence: takes them out of their rows,
    /// so they are never delivered again, and deletes a row once all its messages are; one statement
    /// for any number of them. Returns how many were still pending (an acknowledged or dead-lettered
    /// message is not).
    /// </summary>
    public async Task<int> AcknowledgeAsync(IEnumerable<(StreamId Stream, long Sequence)> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyCollection<(StreamId Stream, long Sequence)> ?? [.. messages];
        if (list.Count == 0)
        {
            return 0;
        }

        await using var command = _dataSource.CreateCommand(PostgresStreamSql.Acknowledge);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. list.Select(m => GetQueue(m.Stream))] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. list.Select(m => m.Sequence)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. list.Select(m => StrictUtf8.GetString(m.Stream.Key.Span))] });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The messages of one stream not acknowledged (leased or not, in the queue or among the dead
    /// letters) with a sequence above <paramref name="after"/> and at most <paramref name="upTo"/>,
    /// lowest first, with their events; a message the consumer refused says why.
    /// </summary>
    public async Task<IReadOnlyList<StoredMessage>> ReadStreamAsync(
        StreamId stream, long after, long upTo, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresStreamSql.ReadStream);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = GetQueue(stream) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StrictUtf8.GetString(stream.Namespace.Span) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StrictUtf8.GetString(stream.Key.Span) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upTo });
        var messages = new List<StoredMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new StoredMessage(reader.GetInt64(0), ReadEvents(reader.GetFieldValue<byte[]>(1)), reader.IsDBNull(2) ? null : reader.GetString(2)));
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
                reader.GetFieldValue<DateTimeOffset>(7))
            {
                Failures = reader.GetInt32(8),
                Error = reader.IsDBNull(9) ? null : reader.GetString(9),
            });
        }

        return deadLetters;
    }

    /// <summary>
    /// Extends <paramref name="holder"/>'s leases on the given rows by a visibility timeout while it owns
    /// the queue at <paramref name="epoch"/>; returns the rows it still holds, or Lost (and renews nothing).
    /// </summary>
    internal async Task<(IReadOnlyList<long> Held, bool Lost)> RenewAsync(int queue, Guid holder, long epoch, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        CheckQueue(queue);
        await using var command = CreateLeaseCommand(PostgresStreamSql.Renew, queue, holder);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. sequences] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Options.VisibilityTimeout, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = epoch });
        var held = new List<long>(sequences.Count);
        var lost = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            if (sequence < 0)
            {
                lost = true;
            }
            else
            {
                held.Add(sequence);
            }
        }

        return (held, lost);
    }

    /// <summary>Makes <paramref name="holder"/> the owner of the queue under a new epoch, which it returns.</summary>
    internal async Task<long> TakeQueueAsync(int queue, Guid holder, CancellationToken cancellationToken)
    {
        CheckQueue(queue);
        await using var command = CreateLeaseCommand(PostgresStreamSql.TakeQueue, queue, holder);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
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

    private async Task<DeliveryFailureOutcome> BuryAsync(StreamId stream, long sequence, string error, int maxFailures, CancellationToken cancellationToken)
    {
        var queue = GetQueue(stream);
        await using var command = _dataSource.CreateCommand(PostgresStreamSql.RecordFailure);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = queue });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxFailures });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StrictUtf8.GetString(stream.Namespace.Span) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StrictUtf8.GetString(stream.Key.Span) });
        var outcome = (string)(await command.ExecuteScalarAsync(cancellationToken))! switch
        {
            "counted" => DeliveryFailureOutcome.Counted,
            "dead" => DeliveryFailureOutcome.DeadLettered,
            _ => DeliveryFailureOutcome.Acknowledged,
        };
        if (outcome == DeliveryFailureOutcome.DeadLettered && maxFailures > 0)
        {
            LogRefused(Name, stream, queue, sequence, error);
        }

        return outcome;
    }

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
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = batch.MessageRows });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = batch.Keys });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = batch.Payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });

        // Each queue's counter after the bump: its rows of this batch got the sequences just below it.
        var next = new Dictionary<int, long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                next[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        return QueueRowPacker.Positions(batch, next);
    }

    private PreparedBatch PrepareBatch(IReadOnlyList<QueueMessage> messages)
    {
        var queues = new int[messages.Count];
        var namespaces = new string[messages.Count];
        var keys = new string[messages.Count];
        var payloads = new byte[messages.Count][];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new ArgumentException($"Message {i} is null.", nameof(messages));
            queues[i] = GetQueue(message.Stream);
            namespaces[i] = StrictUtf8.GetString(message.Stream.Namespace.Span);
            keys[i] = StrictUtf8.GetString(message.Stream.Key.Span);
            payloads[i] = message.Payload ?? throw new ArgumentException($"Message {i} has no payload.", nameof(messages));
        }

        return QueueRowPacker.Pack(queues, namespaces, keys, payloads);
    }

    private void CheckQueue(int queue) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)queue, (uint)Options.QueueCount, nameof(queue));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enqueueing {Count} messages on stream provider {Provider} was aborted by PostgreSQL (attempt {Attempt}); retrying")]
    private partial void LogEnqueueRetry(Exception exception, string provider, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider}: message {Sequence} of stream {Stream} in queue {Queue} failed MaxDeliveries times ({Error}); moved to counters_stream_dead_letter with the later messages of its stream, which wait behind it until it is replayed")]
    private partial void LogRefused(string provider, StreamId stream, int queue, long sequence, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: {Count} dead letters put back in their queues")]
    private partial void LogReplayed(string provider, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider}: message {Sequence} of stream {Stream} in queue {Queue} was delivered {Deliveries} times without an acknowledgement, or waits behind a dead letter of its stream; moved to counters_stream_dead_letter")]
    private partial void LogDeadLettered(string provider, StreamId stream, int queue, long sequence, int deliveries);
}
