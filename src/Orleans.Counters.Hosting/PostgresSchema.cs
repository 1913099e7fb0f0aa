using System.Reflection;
using Npgsql;

namespace Orleans.Counters.Hosting;

/// <summary>
/// Applies <c>silo-config/postgresql/schema.sql</c> (embedded in this assembly). The script is
/// idempotent and takes an advisory lock, so silos that start together can all apply it.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The schema script.</summary>
    public static string Script { get; } = ReadScript();

    /// <summary>Applies the schema to the database the connection string names.</summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var apply = new NpgsqlCommand(Script, connection);
        await apply.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ReadScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Orleans.Counters.Hosting.schema.sql")
            ?? throw new InvalidOperationException("The schema script is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
