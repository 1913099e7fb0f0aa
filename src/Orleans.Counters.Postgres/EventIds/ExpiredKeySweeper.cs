using Microsoft.Extensions.Hosting;

namespace Orleans.Counters.Postgres.EventIds;

/// <summary>
/// Deletes the idempotency keys whose time has passed, once a minute and in bounded batches: the event
/// ids of <c>counters_event_id</c> (kept one idempotency window) and the gateway's commit keys of
/// <c>counters_commit_key</c> (kept minutes). An expired event id still in the table counts as new (the
/// claim overwrites it), and only a retry seconds after its commit looks a commit key up, so a late
/// sweep is harmless. Every silo runs one; their deletes do not conflict.
/// </summary>
public sealed partial class ExpiredKeySweeper(PostgresDataSource database, ILogger<ExpiredKeySweeper> logger) : BackgroundService
{
    /// <summary>The most rows one statement deletes, so that no sweep holds many locks for long.</summary>
    public const int BatchSize = 10_000;

    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private static readonly string[] Tables = ["counters_event_id", "counters_commit_key"];

    /// <summary>Deletes every expired event id and commit key, a batch at a time; returns how many of each.</summary>
    public async Task<(long EventIds, long CommitKeys)> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.Source.OpenConnectionAsync(cancellationToken);
        var deleted = new long[Tables.Length];
        for (var i = 0; i < Tables.Length; i++)
        {
            deleted[i] = await SweepAsync(connection, Tables[i], cancellationToken);
        }

        return (deleted[0], deleted[1]);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (eventIds, commitKeys) = await SweepAsync(stoppingToken);
                if (eventIds + commitKeys > 0)
                {
                    LogSwept(eventIds, commitKeys);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogSweepFailed(exception);
            }
        }
    }

    private static async Task<long> SweepAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        long deleted = 0;
        int batch;
        do
        {
            await using var command = new NpgsqlCommand(
                $"DELETE FROM {table} WHERE ctid = ANY (ARRAY(SELECT ctid FROM {table} WHERE expires_at < now() LIMIT $1))",
                connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
            batch = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += batch;
        }
        while (batch == BatchSize);

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {EventIds} expired event ids and {CommitKeys} expired commit keys")]
    private partial void LogSwept(long eventIds, long commitKeys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired idempotency keys failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception exception);
}
