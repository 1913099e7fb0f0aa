using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>Expired event ids and commit keys leave their tables; those still within their time stay.</summary>
public sealed class ExpiredKeySweeperTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [SkippableFact]
    public async Task TheSweepDeletesExactlyTheExpiredIdsAndCommitKeysInBatches()
    {
        var connectionString = postgres.Require();
        await PostgresSchema.ApplyAsync(connectionString);
        var expired = ExpiredKeySweeper.BatchSize * 2 + 7;
        await ExecuteAsync(connectionString, $"""
            INSERT INTO counters_event_id (account, id, expires_at)
            SELECT 'sweep', 'old-' || i, now() - interval '1 second' FROM generate_series(1, {expired}) AS i
            UNION ALL
            SELECT 'sweep', 'live-' || i, now() + interval '1 hour' FROM generate_series(1, 5) AS i
            """);
        await ExecuteAsync(connectionString, $"""
            INSERT INTO counters_commit_key (key, expires_at)
            SELECT gen_random_uuid(), now() - interval '1 second' FROM generate_series(1, {expired + 1})
            UNION ALL
            SELECT gen_random_uuid(), now() + interval '1 hour' FROM generate_series(1, 3)
            """);

        await using var database = PostgresDataSource.Create(connectionString);
        var sweeper = new ExpiredKeySweeper(database, NullLogger<ExpiredKeySweeper>.Instance);
        Assert.Equal(((long)expired, (long)expired + 1), await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal((0L, 0L), await sweeper.SweepAsync(CancellationToken.None));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var left = new NpgsqlCommand("SELECT string_agg(id, ',' ORDER BY id) FROM counters_event_id WHERE account = 'sweep'", connection);
        Assert.Equal("live-1,live-2,live-3,live-4,live-5", await left.ExecuteScalarAsync());
        await using var keysLeft = new NpgsqlCommand("SELECT count(*) FROM counters_commit_key WHERE expires_at > now()", connection);
        Assert.Equal(3L, await keysLeft.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
