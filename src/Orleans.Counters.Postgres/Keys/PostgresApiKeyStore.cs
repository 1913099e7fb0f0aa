namespace Orleans.Counters.Postgres.Keys;

/// <summary>Keys in PostgreSQL's <c>counters_api_key</c> table (<c>silo-config/postgresql/keys.sql</c>).</summary>
public sealed class PostgresApiKeyStore(PostgresDataSource database) : IApiKeyStore
{
    private const string Columns = "id, account, kind, secret_hash, created_at, revoked_at";

    private readonly NpgsqlDataSource _database = database.Source;

    /// <inheritdoc />
    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(
            "INSERT INTO counters_api_key (id, account, kind, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.AddWithValue(key.Id);
        command.Parameters.AddWithValue(key.Account);
        command.Parameters.AddWithValue(KindName(key.Kind));
        command.Parameters.AddWithValue(key.SecretHash);
        command.Parameters.AddWithValue(key.CreatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand($"SELECT {Columns} FROM counters_api_key WHERE id = $1");
        command.Parameters.AddWithValue(id);
        var keys = await ReadAsync(command, cancellationToken);
        return keys.Count == 0 ? null : keys[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiKey>> ListAsync(string account, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand($"SELECT {Columns} FROM counters_api_key WHERE account = $1 ORDER BY created_at, id");
        command.Parameters.AddWithValue(account);
        return await ReadAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> RevokeAsync(string account, string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // A second revocation keeps the first time.
        await using var command = _database.CreateCommand(
            "UPDATE counters_api_key SET revoked_at = coalesce(revoked_at, $3) WHERE account = $1 AND id = $2");
        command.Parameters.AddWithValue(account);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(at);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<List<ApiKey>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKey(
                reader.GetString(0),
                reader.GetString(1),
                KindOf(reader.GetString(2)),
                reader.GetFieldValue<byte[]>(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return keys;
    }

    private static string KindName(KeyKind kind) => kind switch
    {
        KeyKind.Ingest => "ingest",
        KeyKind.Import => "import",
        _ => "read",
    };

    private static KeyKind KindOf(string name) => name switch
    {
        "ingest" => KeyKind.Ingest,
        "import" => KeyKind.Import,
        _ => KeyKind.Read,
    };
}
