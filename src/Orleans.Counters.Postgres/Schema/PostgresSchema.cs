using System.Reflection;
using Npgsql;

namespace Orleans.Counters.Postgres.Schema;

/// <summary>
/// Applies <c>silo-config/postgresql/schema.sql</c> (Orleans' tables), <c>streams.sql</c> (the
/// events queue), <c>ingest.sql</c> (event ids seen, commit keys) and <c>keys.sql</c> (API keys), embedded in this assembly. The scripts are idempotent and applied under
/// an advisory lock, so silos that start together can all apply them.
/// </summary>
public static class PostgresSchema
{
    private const string LockKey = "hashtext('Orleans.Counters schema')";

    /// <summary>The scripts, in the order they are applied.</summary>
    public static IReadOnlyList<string> Scripts { get; } = [ReadScript("schema.sql"), ReadScript("streams.sql"), ReadScript("ingest.sql"), ReadScript("keys.sql")];

    /// <summary>Applies the schema to the database the connection string names, through a pool of its own (tests, tools).</summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var database = PostgresDataSource.Create(connectionString);
        await ApplyAsync(database, cancellationToken);
    }

    /// <summary>Applies the schema through the process's pool.</summary>
    public static async Task ApplyAsync(PostgresDataSource database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.Source.OpenConnectionAsync(cancellationToken);
        // One process at a time: CREATE … IF NOT EXISTS is not safe against a concurrent CREATE (two
        // silos starting together failed with "type counters_event_id already exists"). A session
        // lock, released explicitly: a pooled connection keeps its session, and so the lock, after Close.
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            foreach (var script in Scripts)
            {
                await ExecuteAsync(connection, script, cancellationToken);
            }
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ReadScript(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Orleans.Counters.Postgres.Schema." + name)
            ?? throw new InvalidOperationException($"The script {name} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
