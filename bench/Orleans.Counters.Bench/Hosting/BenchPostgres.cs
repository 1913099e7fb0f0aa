namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// The tests' throwaway PostgreSQL (<c>scripts/postgres-server.sh</c>, which installs Debian's
/// postgresql when missing) for the bench: stopped by <see cref="EmergencyStop"/> too, and described
/// in the report. It runs with fsync off (a throwaway's setting) or on (a user's server).
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly PostgresServer _server;
    private readonly IDisposable _emergencyStop;

    private BenchPostgres(PostgresServer server)
    {
        _server = server;
        ConnectionString = server.ConnectionString!;
        _emergencyStop = EmergencyStop.Register(() => _server.DisposeAsync().GetAwaiter().GetResult());
    }

    /// <summary>The Npgsql connection string of database <c>counters</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Starts a server on a free loopback port, with fsync and full page writes on when
    /// <paramref name="fsync"/> is true; throws with the script's reason when it cannot.
    /// </summary>
    public static async Task<BenchPostgres> StartAsync(bool fsync = false)
    {
        var server = new PostgresServer { Fsync = fsync };
        await server.InitializeAsync();
        if (server.ConnectionString is null)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"No PostgreSQL server: {server.Unavailable}");
        }

        return new BenchPostgres(server);
    }

    /// <summary>The server's version and the settings that bear on write speed.</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(ConnectionString);
        await using var command = source.CreateCommand(
            "SELECT current_setting('server_version') || '; fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', full_page_writes=' || current_setting('full_page_writes')");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Creates another empty database on the server and returns its connection string. A deployment with
    /// a new service id needs one: the events queue belongs to the database, not to a service, so a
    /// new deployment in the old one's database would count again the messages the old one had
    /// counted but not yet deleted.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using (var source = Npgsql.NpgsqlDataSource.Create(ConnectionString))
        await using (var command = source.CreateCommand($"CREATE DATABASE \"{name}\""))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The process id of the postmaster, which every backend is forked from (line 1 of its postmaster.pid).</summary>
    public async Task<int> PostmasterProcessIdAsync(CancellationToken cancellationToken)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(ConnectionString);
        await using var command = source.CreateCommand("SELECT current_setting('data_directory')");
        var dataDirectory = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        var firstLine = (await File.ReadAllLinesAsync(Path.Combine(dataDirectory, "postmaster.pid"), cancellationToken))[0];
        return int.Parse(firstLine, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _emergencyStop.Dispose();
    }
}
