using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Orleans.Counters.Hosting;

/// <summary>
/// Deletes the event ids whose idempotency window has passed, once a minute and in bounded batches,
/// so that <c>counters_event_id</c> holds about one window of ids. An expired id still in the table
/// counts as new (the claim overwrites it), so a late sweep is harmless. Every silo runs one; their
/// deletes do not conflict.
/// </summary>
public sealed partial class ExpiredEventIdSweeper(string connectionString, ILogger<ExpiredEventIdSweeper> logger) : BackgroundService
{
    /// <summary>The most rows one statement deletes, so that no sweep holds many locks for long.</summary>
    public const int BatchSize = 10_000;

    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private const string DeleteExpiredSql = """
        DELETE FROM counters_event_id
        WHERE ctid = ANY (ARRAY(SELECT ctid FROM counters_event_id WHERE expires_at < now() LIMIT $1))
        """;

    /// <summary>Deletes every expired id, a batch at a time; returns how many.</summary>
    public async Task<long> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        long deleted = 0;
        int batch;
        do
        {
            await using var command = new NpgsqlCommand(DeleteExpiredSql, connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
            batch = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += batch;
        }
        while (batch == BatchSize);

        return deleted;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await SweepAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogSwept(deleted);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogSweepFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired event ids")]
    private partial void LogSwept(long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired event ids failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception exception);
}
