using Npgsql;
using Orleans.Counters.Streaming.Postgres;
using Orleans.Runtime;

namespace Orleans.Counters.Client;

/// <summary>
/// Commits a request's events to the durable queue in one transaction: one message per account,
/// minus the events whose (account, id) was committed within the idempotency window, so that a
/// client that retries after a lost answer is counted once.
/// </summary>
public sealed partial class DurableEventWriter(PostgresEventQueue queue, TimeSpan idempotencyWindow, ILogger<DurableEventWriter> logger) : IAsyncDisposable
{
    /// <summary>The key of the idempotency window; default one day.</summary>
    public const string IdempotencyWindowKey = "Counters:IdempotencyWindow";

    private const int MaxAttempts = 3;

    // Returns the ids that are new, or whose earlier use has expired.
    private const string ClaimIdsSql = """
        INSERT INTO counters_event_id AS e (account, id, expires_at)
        SELECT t.account, t.id, now() + $3::interval FROM unnest($1::text[], $2::text[]) AS t(account, id)
        ON CONFLICT (account, id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE e.expires_at < now()
        RETURNING account, id
        """;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(queue.Options.ConnectionString);

    /// <summary>Commits the events, all or none; returns how many were left out as repeats.</summary>
    public async Task<int> WriteAsync(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(events, cancellationToken);
            }
            catch (PostgresException exception) when (exception.IsTransient && attempt < MaxAttempts)
            {
                LogRetry(exception, attempt);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<int> WriteOnceAsync(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var fresh = await DropRepeatsAsync(connection, transaction, events, cancellationToken);
        var messages = fresh
            .GroupBy(e => e.Account, StringComparer.Ordinal)
            .Select(account => queue.CreateMessage(
                StreamId.Create(CounterStreams.EventsNamespace, account.Key),
                [new EventBatch(account.Key, [.. account])]))
            .ToList();
        if (messages.Count > 0)
        {
            await queue.EnqueueAsync(messages, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return events.Count - fresh.Count;
    }

    private async Task<List<CounterEvent>> DropRepeatsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken)
    {
        // The first of several events with one id in a request is the one that may count.
        var withId = events.Where(e => e.Id is not null).DistinctBy(e => (e.Account, e.Id)).ToList();
        if (withId.Count == 0)
        {
            return [.. events];
        }

        await using var claim = new NpgsqlCommand(ClaimIdsSql, connection, transaction);
        claim.Parameters.Add(new NpgsqlParameter { Value = withId.Select(e => e.Account).ToArray() });
        claim.Parameters.Add(new NpgsqlParameter { Value = withId.Select(e => e.Id!).ToArray() });
        claim.Parameters.Add(new NpgsqlParameter { Value = idempotencyWindow });
        var claimed = new HashSet<(string, string)>();
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return [.. events.Where(e => e.Id is null || claimed.Remove((e.Account, e.Id)))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing events failed transiently (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int attempt);
}
