using Npgsql;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>The schema scripts, applied by several silos starting at once against an empty database.</summary>
public sealed class PostgresSchemaTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const int Silos = 6;

    [SkippableFact]
    public async Task SilosStartingTogether_AllApplyTheSchema()
    {
        var server = postgres.Require();
        var database = "schema_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        var empty = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

        // Before the lock, two of them racing on CREATE … IF NOT EXISTS failed ("type … already exists").
        var applying = Enumerable.Range(0, Silos).Select(_ => Task.Run(() => PostgresSchema.ApplyAsync(empty)));
        await Task.WhenAll(applying);

        await using var connection = new NpgsqlConnection(empty);
        await connection.OpenAsync();
        await using var tables = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('orleansstorage', 'counters_stream_message', 'counters_event_id', 'counters_api_key')", connection);
        Assert.Equal(4L, await tables.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
