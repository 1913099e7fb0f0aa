using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Orleans.Counters.Postgres.Operations;

/// <summary>
/// Counts the durable events queue's dead letters every <see cref="Interval"/> for the gauge
/// <c>counters.queue.dead_letters</c> (Prometheus: <c>counters_queue_dead_letters</c>) on meter
/// <see cref="CountersMeter.Name"/>: messages given up, which an operator must look at and replay.
/// </summary>
public sealed partial class DeadLetterMonitor : BackgroundService
{
    /// <summary>How often the dead letters are counted: a scrape reads the last count.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>The gauge's name.</summary>
    public const string GaugeName = "counters.queue.dead_letters";

    private readonly PostgresEventQueue _queue;
    private readonly ILogger<DeadLetterMonitor> _logger;
    private long _count;

    /// <summary>Creates the gauge.</summary>
    public DeadLetterMonitor([FromKeyedServices(CounterStreams.ProviderName)] PostgresEventQueue queue, IMeterFactory meters, ILogger<DeadLetterMonitor> logger)
    {
        _queue = queue;
        _logger = logger;
        meters.Create(CountersMeter.Name).CreateObservableGauge(
            GaugeName, () => Volatile.Read(ref _count), "{message}", "Messages of the durable events queue given up (refused or never acknowledged), kept for an operator to replay.");
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                Volatile.Write(ref _count, await _queue.CountDeadLettersAsync(stoppingToken));
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogCountFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the events queue's dead letters; the gauge keeps its last value")]
    private partial void LogCountFailed(Exception exception);
}
