using Npgsql;

namespace Orleans.Counters.Integration.Tests;

/// <summary>Looks into the database the cluster under test uses.</summary>
public static class Sql
{
    /// <summary>Runs a <c>SELECT count(*) …</c> and returns the count.</summary>
    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
