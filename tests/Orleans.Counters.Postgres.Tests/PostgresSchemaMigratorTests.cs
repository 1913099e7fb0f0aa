using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>The migrator applies the schema once per process, before any hosted service starts.</summary>
public sealed class PostgresSchemaMigratorTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [SkippableFact]
    public async Task AServiceRegisteredBeforeTheMigrator_FindsTheSchemaWhenItStarts()
    {
        var server = postgres.Require();
        var name = "migrator_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = PostgresDataSource.Create(server))
        {
            await using var create = admin.Source.CreateCommand($"CREATE DATABASE {name}");
            await create.ExecuteNonQueryAsync();
        }

        var empty = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var builder = Host.CreateApplicationBuilder();
        // As a silo is: registered ahead of the migrator, it needs the tables in its own StartAsync.
        builder.Services.AddHostedService<TablesAtStart>();
        builder.Services.AddPostgresSchema(empty);
        builder.Services.AddPostgresSchema(empty);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Single(host.Services.GetServices<IHostedService>().OfType<PostgresSchemaMigrator>());
        Assert.Equal(4L, host.Services.GetServices<IHostedService>().OfType<TablesAtStart>().Single().Tables);
    }

    private sealed class TablesAtStart(PostgresDataSource database) : IHostedService
    {
        public long Tables { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var command = database.Source.CreateCommand(
                "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('orleansstorage', 'counters_stream_message', 'counters_event_id', 'counters_api_key')");
            Tables = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
