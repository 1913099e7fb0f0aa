using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Orleans.Counters.Postgres.Metrics;

/// <summary>
/// The durable events queue seen from PostgreSQL, read every <see cref="Interval"/>: messages waiting
/// to be counted and acknowledged, the age of the oldest, and dead letters. Gauges on meter
/// <see cref="CountersMeter.Name"/>.
/// </summary>
public sealed partial class QueueMetrics : BackgroundService
{
    /// <summary>How often the queue is read: counting the rows costs a scan, so not on every scrape.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private const string Query =
        // A row holds one message per account of its group commit: the messages are its pending ones.
        "SELECT coalesce(sum(cardinality(pending)), 0)::bigint, coalesce(extract(epoch FROM now() - min(enqueued_at)), 0)::float8 FROM counters_stream_message; " +
        "SELECT count(*) FROM counters_stream_dead_letter";

    private readonly NpgsqlDataSource _database;
    private readonly ILogger<QueueMetrics> _logger;
    private long _waiting;
    private double _oldestAge;
    private long _deadLetters;

    /// <summary>Creates the gauges.</summary>
    public QueueMetrics(PostgresDataSource database, IMeterFactory meters, ILogger<QueueMetrics> logger)
    {
        _database = database.Source;
        _logger = logger;
        var meter = meters.Create(CountersMeter.Name);
        meter.CreateObservableGauge("counters.queue.messages", () => Volatile.Read(ref _waiting), "{message}", "Messages on the durable events queue not yet counted and acknowledged.");
        meter.CreateObservableGauge("counters.queue.oldest_age", () => Volatile.Read(ref _oldestAge), "s", "Age of the oldest message waiting on the durable events queue.");
        meter.CreateObservableGauge("counters.queue.dead_letters", () => Volatile.Read(ref _deadLetters), "{message}", "Messages given up after too many deliveries, kept for an operator.");
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await ReadAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogQueueReadFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        await using var batch = _database.CreateCommand(Query);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        Volatile.Write(ref _waiting, reader.GetInt64(0));
        Volatile.Write(ref _oldestAge, reader.GetDouble(1));
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        Volatile.Write(ref _deadLetters, reader.GetInt64(0));
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Could not read the events queue's depth; the queue gauges keep their last values")]
    private partial void LogQueueReadFailed(Exception exception);
}
