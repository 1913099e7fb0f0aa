using Microsoft.Extensions.Hosting;

namespace Orleans.Counters.Postgres.Schema;

/// <summary>
/// Applies <see cref="PostgresSchema"/> once when the process starts, before any hosted service
/// starts: <see cref="IHostedLifecycleService.StartingAsync"/> runs ahead of every StartAsync, so the
/// silo finds its membership and storage tables, and the queue its own, whatever the registration order.
/// </summary>
public sealed partial class PostgresSchemaMigrator(PostgresDataSource database, ILogger<PostgresSchemaMigrator> logger) : IHostedLifecycleService
{
    /// <inheritdoc />
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await PostgresSchema.ApplyAsync(database, cancellationToken);
        LogApplied(PostgresSchema.Scripts.Count);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Applied the counters' PostgreSQL schema ({Scripts} scripts)")]
    private partial void LogApplied(int scripts);
}
