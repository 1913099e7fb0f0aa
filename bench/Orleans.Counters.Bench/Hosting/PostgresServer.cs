namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// A throwaway PostgreSQL server from <c>scripts/postgres-server.sh</c> (which installs Debian's
/// postgresql when missing) in a temporary directory, stopped and deleted on disposal.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly IDisposable _emergencyStop;

    private PostgresServer(string directory, string connectionString)
    {
        _directory = directory;
        ConnectionString = connectionString;
        _emergencyStop = EmergencyStop.Register(() => StopAsync(CancellationToken.None).GetAwaiter().GetResult());
    }

    /// <summary>The Npgsql connection string of database <c>counters</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's version and the settings that bear on write speed.</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(ConnectionString);
        await using var command = source.CreateCommand(
            "SELECT current_setting('server_version') || '; fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', full_page_writes=' || current_setting('full_page_writes')");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "counters-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var output = await CommandRunner.RunCheckedAsync("bash", [Script, "start", directory], cancellationToken);
            return new PostgresServer(directory, output.Trim());
        }
        catch
        {
            await CommandRunner.RunAsync("bash", [Script, "stop", directory], CancellationToken.None);
            DeleteDirectory(directory);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _emergencyStop.Dispose();
    }

    private static string Script => Path.Combine(RepositoryRoot.Path, "scripts", "postgres-server.sh");

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await CommandRunner.RunAsync("bash", [Script, "stop", _directory], cancellationToken);
        DeleteDirectory(_directory);
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
