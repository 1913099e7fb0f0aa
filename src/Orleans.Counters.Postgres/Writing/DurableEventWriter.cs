using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Orleans.Counters.Postgres.Queue;
using Orleans.Runtime;

namespace Orleans.Counters.Postgres.Writing;

/// <summary>
/// Commits events to the durable queue: each caller's events all or none, minus the events whose
/// (account, id) was committed within the idempotency window, so that a client that retries after a
/// lost answer is counted once. Concurrent callers share commits (group commit): a few committers
/// each take every write waiting when they are free and commit them in one transaction, one message
/// per account, so a burst of single-event requests costs a few commits, not one each.
/// <para>
/// A commit that fails on the connection is retried; each write's commit key, stored in the same
/// transaction, makes that safe when the first attempt did commit but its answer was lost. When the
/// retries run out with that question open, the write fails with <see cref="CommitOutcomeUnknownException"/>.
/// When PostgreSQL refuses a group for a data reason, each write of it is committed alone, so that only
/// the write holding the bad data fails, with <see cref="UnstorableEventsException"/>.
/// </para>
/// </summary>
public sealed partial class DurableEventWriter : IEventWriter, IAsyncDisposable
{
    /// <summary>
    /// How long a write's commit key is kept: only the writer's own retries look it up, and they take
    /// seconds, so minutes are ample while the table stays small at a high request rate.
    /// </summary>
    public static readonly TimeSpan CommitKeyLifetime = TimeSpan.FromMinutes(10);

    private const int MaxAttempts = 3;
    private const int DefaultCommitters = 4;

    // A group stops growing past this many events (one large write may exceed it alone).
    private const int MaxGroupEvents = 10_000;

    // Between attempts: a broken connection often means PostgreSQL is restarting.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly PostgresEventQueue _queue;
    private readonly TimeSpan _idempotencyWindow;
    private readonly ILogger<DurableEventWriter> _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<PendingWrite> _waiting = Channel.CreateUnbounded<PendingWrite>();
    private readonly Task[] _committers;
    private readonly TimeProvider _clock;

    /// <summary>Starts the committers.</summary>
    public DurableEventWriter(PostgresEventQueue queue, TimeSpan idempotencyWindow, ILogger<DurableEventWriter> logger, TimeProvider? clock = null)
        : this(queue, idempotencyWindow, logger, DefaultCommitters, clock)
    {
    }

    /// <summary>Starts <paramref name="committers"/> committers: a test with one knows which writes share a group.</summary>
    internal DurableEventWriter(PostgresEventQueue queue, TimeSpan idempotencyWindow, ILogger<DurableEventWriter> logger, int committers, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _queue = queue;
        _idempotencyWindow = idempotencyWindow;
        _logger = logger;
        // The queue's pool: the commit enqueues through the queue in its own transaction.
        _dataSource = queue.Database.Source;
        _committers = [.. Enumerable.Range(0, committers).Select(_ => Task.Run(CommitLoopAsync))];
    }

    /// <summary>Commits the events, all or none, possibly together with other callers'; returns how many were left out as repeats.</summary>
    public Task<int> WriteAsync(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken)
    {
        var write = new PendingWrite(events, cancellationToken);
        if (!_waiting.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(DurableEventWriter));
        }

        return write.Repeats.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await Task.WhenAll(_committers);
    }

    private async Task CommitLoopAsync()
    {
        var group = new List<PendingWrite>();
        while (await _waiting.Reader.WaitToReadAsync())
        {
            group.Clear();
            var events = 0;
            while (events < MaxGroupEvents && _waiting.Reader.TryRead(out var write))
            {
                // A caller that gave up before its turn is not committed.
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Repeats.TrySetCanceled(write.CancellationToken);
                    continue;
                }

                group.Add(write);
                events += write.Events.Count;
            }

            if (group.Count > 0)
            {
                await CommitGroupAsync(group);
            }
        }
    }

    private async Task CommitGroupAsync(List<PendingWrite> group)
    {
        try
        {
            var repeats = await CommitWithRetriesAsync(group);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Repeats.TrySetResult(repeats[i]);
            }
        }
        catch (PostgresException exception) when (IsDataError(exception) && group.Count > 1)
        {
            // The transaction was rolled back, so nothing of the group is stored; one write's data is
            // not another's problem: each is committed alone, and only the bad one fails.
            LogGroupRefused(exception, group.Count);
            foreach (var write in group)
            {
                await CommitGroupAsync([write]);
            }
        }
        catch (PostgresException exception) when (IsDataError(exception))
        {
            group[0].Repeats.TrySetException(new UnstorableEventsException(exception));
        }
        catch (Exception exception)
        {
            foreach (var write in group)
            {
                write.Repeats.TrySetException(exception);
            }
        }
    }

    /// <summary>Commits the group, retrying transient failures; returns each write's repeats.</summary>
    private async Task<int[]> CommitWithRetriesAsync(List<PendingWrite> group)
    {
        // Whether some attempt may have committed without this writer knowing: its connection broke
        // after COMMIT was sent. A later attempt that gets its commit keys checked settles it.
        var outcomeUnknown = false;
        for (var attempt = 1; ; attempt++)
        {
            var progress = new CommitProgress();
            try
            {
                return await CommitOnceAsync(group, progress);
            }
            catch (Exception exception) when (exception is not PostgresException postgres || !IsDataError(postgres))
            {
                outcomeUnknown = (outcomeUnknown && !progress.KeysChecked)
                    || (progress.CommitSent && exception is not PostgresException);
                if (exception is not NpgsqlException { IsTransient: true } || attempt == MaxAttempts)
                {
                    if (outcomeUnknown)
                    {
                        throw new CommitOutcomeUnknownException(exception);
                    }

                    throw;
                }

                LogRetry(exception, attempt, outcomeUnknown);
            }

            await Task.Delay(RetryDelay * attempt);
        }
    }

    private async Task<int[]> CommitOnceAsync(List<PendingWrite> group, CommitProgress progress)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var (recorded, claimed) = await RecordKeysAndClaimIdsAsync(connection, transaction, group);
        progress.KeysChecked = true;

        // In order: the first of several events with one id, in this group, is the one that counts.
        var fresh = group.Select(w => recorded.Contains(w.Key)
            ? w.Events.Where(e => e.Id is null || claimed.Remove((e.Account, e.Id))).ToList()
            : null).ToList();
        var publishedAt = _clock.GetUtcNow().UtcDateTime;
        var messages = group.Zip(fresh)
            .SelectMany(write => (write.Second ?? []).Select(e => (Event: e, write.First.TraceParent)))
            .GroupBy(written => written.Event.Account, StringComparer.Ordinal)
            .Select(account => _queue.CreateMessage(
                StreamId.Create(CounterStreams.EventsNamespace, account.Key),
                [new EventBatch(account.Key, [.. account.Select(written => written.Event)])
                {
                    PublishedAt = publishedAt,
                    TraceParents = CountersActivitySource.TraceParentsOf(account.Select(written => written.TraceParent)),
                }]))
            .ToList();
        if (messages.Count > 0)
        {
            await _queue.EnqueueAsync(messages, transaction);
        }

        var repeats = group.Select((write, i) => fresh[i] is { } stored ? write.Events.Count - stored.Count : 0).ToArray();
        var withRepeats = Enumerable.Range(0, group.Count).Where(i => repeats[i] > 0).ToList();
        if (withRepeats.Count > 0)
        {
            await using var store = new NpgsqlCommand(DurableWriteSql.StoreRepeats, connection, transaction);
            store.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. withRepeats.Select(i => group[i].Key)] });
            store.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. withRepeats.Select(i => repeats[i])] });
            await store.ExecuteNonQueryAsync();
        }

        var committedBefore = Enumerable.Range(0, group.Count).Where(i => fresh[i] is null).ToList();
        if (committedBefore.Count > 0)
        {
            LogAlreadyCommitted(committedBefore.Count);
            var stored = await ReadRepeatsAsync(connection, transaction, committedBefore.Select(i => group[i].Key));
            foreach (var i in committedBefore)
            {
                repeats[i] = stored[group[i].Key];
            }
        }

        progress.CommitSent = true;
        await transaction.CommitAsync();
        return repeats;
    }

    /// <summary>
    /// Records the writes' commit keys and claims the (account, id) pairs of the writes whose key was
    /// new; returns those keys, and the pairs that were new or expired.
    /// </summary>
    private async Task<(HashSet<Guid> Recorded, HashSet<(string, string)> Claimed)> RecordKeysAndClaimIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingWrite> group)
    {
        // Each pair once (a pair claimed twice in one statement is an error), on behalf of the first write holding it.
        var withId = group
            .SelectMany(w => w.Events.Where(e => e.Id is not null).Select(e => (w.Key, e.Account, Id: e.Id!)))
            .DistinctBy(p => (p.Account, p.Id))
            .ToList();
        await using var command = new NpgsqlCommand(DurableWriteSql.RecordKeysAndClaimIds, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. group.Select(w => w.Key)] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = CommitKeyLifetime, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. withId.Select(p => p.Key)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. withId.Select(p => p.Account)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. withId.Select(p => p.Id)] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = _idempotencyWindow, NpgsqlDbType = NpgsqlDbType.Interval });
        var recorded = new HashSet<Guid>();
        var claimed = new HashSet<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.IsDBNull(0))
            {
                claimed.Add((reader.GetString(1), reader.GetString(2)));
            }
            else
            {
                recorded.Add(reader.GetGuid(0));
            }
        }

        return (recorded, claimed);
    }

    private static async Task<Dictionary<Guid, int>> ReadRepeatsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<Guid> keys)
    {
        await using var command = new NpgsqlCommand(DurableWriteSql.ReadRepeats, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. keys] });
        var repeats = new Dictionary<Guid, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            repeats[reader.GetGuid(0)] = reader.GetInt32(1);
        }

        return repeats;
    }

    // PostgreSQL refused the data itself (class 22: data exception; 23: integrity constraint violation).
    private static bool IsDataError(PostgresException exception) => exception.SqlState is ['2', '2' or '3', ..];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing events failed transiently (attempt {Attempt}, outcome unknown: {OutcomeUnknown}); retrying")]
    private partial void LogRetry(Exception exception, int attempt, bool outcomeUnknown);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL refused a group of {Writes} writes for its data; committing each alone")]
    private partial void LogGroupRefused(Exception exception, int writes);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Writes} writes were committed by an earlier attempt whose answer was lost; not enqueued again")]
    private partial void LogAlreadyCommitted(int writes);

    /// <summary>How far one commit attempt got, to tell whether it may have committed.</summary>
    private sealed class CommitProgress
    {
        public bool KeysChecked { get; set; }

        public bool CommitSent { get; set; }
    }
}
