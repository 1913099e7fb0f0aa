using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.Counters.Postgres;

namespace Orleans.Counters.Hosting.Operations;

/// <summary>
/// Ready when the counters' storage answers: PostgreSQL a query, through the process's data source
/// (registered by <see cref="Storage.CountersStorage"/> in PostgreSQL mode), or memory, which always does.
/// </summary>
public sealed class StorageHealthCheck(PostgresDataSource? database = null) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (database is null)
        {
            return HealthCheckResult.Healthy("memory");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthChecks.Timeout);
        try
        {
            await using var command = database.Source.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("PostgreSQL");
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", exception);
        }
    }
}
