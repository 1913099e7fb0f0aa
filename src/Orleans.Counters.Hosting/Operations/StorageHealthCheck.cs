using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Orleans.Counters.Hosting.Operations;

/// <summary>Ready when the counters' storage answers: PostgreSQL a query, or memory, which always does.</summary>
public sealed class StorageHealthCheck(CountersSettings settings) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (settings.Storage != StorageMode.PostgreSql)
        {
            return HealthCheckResult.Healthy("memory");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthChecks.Timeout);
        try
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("PostgreSQL");
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", exception);
        }
    }
}
