using Orleans.Counters.Gateway.Security;
using Orleans.Counters.Postgres.Keys;
using Npgsql;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>Keys in a real PostgreSQL: stored as the hash of their secret only, found, listed, revoked.</summary>
public sealed class PostgresApiKeyStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task AKey_IsStoredAsItsHash_FoundListedAndRevoked()
    {
        var connectionString = postgres.Require();
        await PostgresSchema.ApplyAsync(connectionString);
        await using var database = PostgresDataSource.Create(connectionString);
        var store = new PostgresApiKeyStore(database);
        var ingest = ApiKeyToken.New(KeyKind.Ingest);
        var read = ApiKeyToken.New(KeyKind.Read);
        await store.AddAsync(new ApiKey(ingest.Id, "pg-acme", KeyKind.Ingest, ingest.SecretHash, Issued, null), default);
        await store.AddAsync(new ApiKey(read.Id, "pg-acme", KeyKind.Read, read.SecretHash, Issued.AddSeconds(1), null), default);

        var found = await store.FindAsync(read.Id, default);
        var revoked = await store.RevokeAsync("pg-acme", read.Id, Issued.AddMinutes(1), default);
        var revokedAgain = await store.RevokeAsync("pg-acme", read.Id, Issued.AddMinutes(2), default);
        var wrongAccount = await store.RevokeAsync("pg-other", ingest.Id, Issued.AddMinutes(1), default);
        var listed = await store.ListAsync("pg-acme", default);

        Assert.Equal((read.Id, "pg-acme", KeyKind.Read, Issued.AddSeconds(1), (DateTimeOffset?)null), (found!.Id, found.Account, found.Kind, found.CreatedAt, found.RevokedAt));
        Assert.Equal(read.SecretHash, found.SecretHash);
        Assert.True(revoked);
        Assert.True(revokedAgain);
        Assert.False(wrongAccount);
        Assert.Equal([ingest.Id, read.Id], listed.Select(k => k.Id));
        Assert.Equal([null, Issued.AddMinutes(1)], listed.Select(k => k.RevokedAt));
        Assert.Null(await store.FindAsync(ApiKeyToken.New(KeyKind.Read).Id, default));
        Assert.False(await TableHoldsAsync(connectionString, ingest.Secret), "the table holds a key's secret");
        Assert.False(await TableHoldsAsync(connectionString, read.Text), "the table holds a key's text");
    }

    [SkippableFact]
    public async Task AnImportKey_IsStoredAndReadBack_AlsoInATableMadeBeforeImportKeys()
    {
        var connectionString = postgres.Require();
        await PostgresSchema.ApplyAsync(connectionString);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            // The kind check as keys.sql wrote it before import keys existed.
            await connection.OpenAsync();
            await using var older = new NpgsqlCommand(
                "ALTER TABLE counters_api_key DROP CONSTRAINT ck_counters_api_key_kind; " +
                "ALTER TABLE counters_api_key ADD CONSTRAINT ck_counters_api_key_kind CHECK (kind IN ('ingest', 'read'))", connection);
            await older.ExecuteNonQueryAsync();
        }

        await PostgresSchema.ApplyAsync(connectionString);
        await using var database = PostgresDataSource.Create(connectionString);
        var store = new PostgresApiKeyStore(database);
        var import = ApiKeyToken.New(KeyKind.Import);
        await store.AddAsync(new ApiKey(import.Id, "pg-import", KeyKind.Import, import.SecretHash, Issued, null), default);

        var found = await store.FindAsync(import.Id, default);

        Assert.Equal(KeyKind.Import, found!.Kind);
        Assert.StartsWith("ocm_", import.Text);
    }

    private static async Task<bool> TableHoldsAsync(string connectionString, string text)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM counters_api_key k WHERE strpos(row_to_json(k)::text, $1) > 0 OR strpos(encode(k.secret_hash, 'escape'), $1) > 0", connection);
        command.Parameters.AddWithValue(text);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
