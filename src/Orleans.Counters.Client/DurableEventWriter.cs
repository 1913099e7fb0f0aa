using System.Threading.Channels;
using Npgsql;
using Orleans.Counters.Streaming.Postgres;
using Orleans.Runtime;

namespace Orleans.Counters.Client;

/// <summary>
/// Commits events to the durable queue: each caller's events all or none, minus the events whose
/// (account, id) was committed within the idempotency window, so that a client that retries after a
/// lost answer is counted once. Concurrent callers share commits (group commit): a few committers
/// each take every write waiting when they are free and commit them in one transaction, one message
/// per account, so a burst of single-event requests costs a few commits, not one each. A group that
/// fails fails every write in it; none of its events is stored.
/// </summary>
public sealed partial class DurableEventWriter : IAsyncDisposable
{
    /// <summary>The key of the idempotency window; default one day.</summary>
    public const string IdempotencyWindowKey = "Counters:IdempotencyWindow";

    private const int MaxAttempts = 3;
    private const int Committers = 4;

    // A group stops growing past this many events (one large write may exceed it alone).
    private const int MaxGroupEvents = 10_000;

    // Returns the ids that are new, or whose earlier use has expired.
    private const string ClaimIdsSql = """
        INSERT INTO counters_event_id AS e (account, id, expires_at)
        SELECT t.account, t.id, now() + $3::interval FROM unnest($1::text[], $2::text[]) AS t(account, id)
        ON CONFLICT (account, id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE e.expires_at < now()
        RETURNING account, id
        """;

    private readonly PostgresEventQueue _queue;
    private readonly TimeSpan _idempotencyWindow;
    private readonly ILogger<DurableEventWriter> _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<PendingWrite> _waiting = Channel.CreateUnbounded<PendingWrite>();
    private readonly Task[] _committers;

    /// <summary>Starts the committers.</summary>
    public DurableEventWriter(PostgresEventQueue queue, TimeSpan idempotencyWindow, ILogger<DurableEventWriter> logger)
    {
        _queue = queue;
        _idempotencyWindow = idempotencyWindow;
        _logger = logger;
        _dataSource = NpgsqlDataSource.Create(queue.Options.ConnectionString);
        _committers = [.. Enumerable.Range(0, Committers).Select(_ => Task.Run(CommitLoopAsync))];
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
        await _dataSource.DisposeAsync();
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var repeats = await CommitOnceAsync(group);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Repeats.TrySetResult(repeats[i]);
                }

                return;
            }
            catch (PostgresException exception) when (exception.IsTransient && attempt < MaxAttempts)
            {
                LogRetry(exception, attempt);
            }
            catch (Exception exception)
            {
                foreach (var write in group)
                {
                    write.Repeats.TrySetException(exception);
                }

                return;
            }
        }
    }

    private async Task<int[]> CommitOnceAsync(List<PendingWrite> group)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var claimed = await ClaimIdsAsync(connection, transaction, group.SelectMany(w => w.Events));

        // In order: the first of several events with one id, in this group, is the one that counts.
        var fresh = group.Select(w => w.Events.Where(e => e.Id is null || claimed.Remove((e.Account, e.Id))).ToList()).ToList();
        var publishedAt = DateTime.UtcNow;
        var messages = fresh
            .SelectMany(events => events)
            .GroupBy(e => e.Account, StringComparer.Ordinal)
            .Select(account => _queue.CreateMessage(
                StreamId.Create(CounterStreams.EventsNamespace, account.Key),
                [new EventBatch(account.Key, [.. account]) { PublishedAt = publishedAt }]))
            .ToList();
        if (messages.Count > 0)
        {
            await _queue.EnqueueAsync(messages, transaction);
        }

        await transaction.CommitAsync();
        return [.. group.Select((write, i) => write.Events.Count - fresh[i].Count)];
    }

    /// <summary>Claims the events' (account, id) pairs; returns those that were new or expired.</summary>
    private async Task<HashSet<(string, string)>> ClaimIdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<CounterEvent> events)
    {
        var withId = events.Where(e => e.Id is not null).DistinctBy(e => (e.Account, e.Id)).ToList();
        var claimed = new HashSet<(string, string)>();
        if (withId.Count == 0)
        {
            return claimed;
        }

        await using var claim = new NpgsqlCommand(ClaimIdsSql, connection, transaction);
        claim.Parameters.Add(new NpgsqlParameter { Value = withId.Select(e => e.Account).ToArray() });
        claim.Parameters.Add(new NpgsqlParameter { Value = withId.Select(e => e.Id!).ToArray() });
        claim.Parameters.Add(new NpgsqlParameter { Value = _idempotencyWindow });
        await using var reader = await claim.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            claimed.Add((reader.GetString(0), reader.GetString(1)));
        }

        return claimed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing events failed transiently (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int attempt);
}
