using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>
/// A throwaway PostgreSQL server with silo-config/postgresql/streams.sql applied, shared by the test
/// classes of <see cref="PostgresCollection"/>. Each test uses its own provider name, and every row
/// carries it, so tests never see each other's rows.
/// </summary>
public sealed class StreamsDatabase : IAsyncLifetime
{
    private readonly PostgresServer _server = new();
    private PostgresDataSource? _dataSource;

    /// <summary>The path of the schema under test.</summary>
    public static string SchemaPath { get; } = Path.Combine(RepositoryPaths.Root, "silo-config", "postgresql", "streams.sql");

    /// <summary>An Orleans serializer that knows the provider's and the tests' types.</summary>
    public static Serializer Serializer { get; } = new ServiceCollection()
        .AddSerializer(serializer => serializer
            .AddAssembly(typeof(PostgresEventQueue).Assembly)
            .AddAssembly(typeof(StreamsDatabase).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    /// <summary>The connection string; skips the test outside CI when no server could be started.</summary>
    public string Require() => _server.Require();

    /// <summary>A queue of a new provider (a unique name) with the given settings.</summary>
    public PostgresEventQueue CreateQueue(Action<PostgresStreamOptions>? configure = null, ILogger<PostgresEventQueue>? logger = null)
    {
        var options = new PostgresStreamOptions();
        configure?.Invoke(options);
        _dataSource ??= PostgresDataSource.Create(Require());
        return new PostgresEventQueue(UniqueName("test"), options, _dataSource, Serializer, logger ?? NullLogger<PostgresEventQueue>.Instance);
    }

    /// <summary>A provider name no other test uses.</summary>
    public static string UniqueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Runs the schema script.</summary>
    public static async Task ApplySchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(SchemaPath), connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one statement and returns its rows, each as an array of column values.</summary>
    public Task<List<object[]>> QueryAsync(string sql, params object[] parameters) => QueryAsync(Require(), sql, parameters);

    /// <summary>Runs one statement on another database of the server and returns its rows.</summary>
    public static async Task<List<object[]>> QueryAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var rows = new List<object[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        if (_server.ConnectionString is { } connectionString)
        {
            await ApplySchemaAsync(connectionString);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await _server.DisposeAsync();
    }
}
