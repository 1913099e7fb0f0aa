using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.Counters.Postgres.Queue;

namespace Orleans.Counters.Hosting.Operations;

/// <summary>
/// Unhealthy while the durable events queue holds dead letters: their streams' later messages wait
/// behind them, uncounted, until an operator replays them (the gateway's <c>/api/admin/dead-letters</c>).
/// </summary>
public sealed class DeadLetterHealthCheck([FromKeyedServices(CounterStreams.ProviderName)] PostgresEventQueue queue) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthChecks.Timeout);
        try
        {
            var count = await queue.CountDeadLettersAsync(timeout.Token);
            return count == 0
                ? HealthCheckResult.Healthy("no dead letters")
                : HealthCheckResult.Unhealthy($"{count} dead letter(s) in the events queue: their streams wait behind them; list them with GET /api/admin/dead-letters and replay them with POST /api/admin/dead-letters/replay on the gateway");
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("the dead letters cannot be counted: PostgreSQL does not answer", exception);
        }
    }
}
