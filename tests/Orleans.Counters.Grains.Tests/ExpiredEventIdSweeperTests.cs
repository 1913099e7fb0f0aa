using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Counters.Hosting;

namespace Orleans.Counters.Grains.Tests;

/// <summary>Expired event ids leave the table; ids still within their window stay.</summary>
public sealed class ExpiredEventIdSweeperTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [SkippableFact]
    public async Task TheSweepDeletesExactlyTheExpiredIdsInBatches()
    {
        var connectionString = postgres.Require();
        await PostgresSchema.ApplyAsync(connectionString);
        var expired = ExpiredEventIdSweeper.BatchSize * 2 + 7;
        await ExecuteAsync(connectionString, $"""
            INSERT INTO counters_event_id (account, id, expires_at)
            SELECT 'sweep', 'old-' || i, now() - interval '1 second' FROM generate_series(1, {expired}) AS i
            UNION ALL
            SELECT 'sweep', 'live-' || i, now() + interval '1 hour' FROM generate_series(1, 5) AS i
            """);

        var sweeper = new ExpiredEventIdSweeper(connectionString, NullLogger<ExpiredEventIdSweeper>.Instance);
        Assert.Equal(expired, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var left = new NpgsqlCommand("SELECT string_agg(id, ',' ORDER BY id) FROM counters_event_id WHERE account = 'sweep'", connection);
        Assert.Equal("live-1,live-2,live-3,live-4,live-5", await left.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
