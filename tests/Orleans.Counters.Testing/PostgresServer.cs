using Xunit;

namespace Orleans.Counters.Testing;

/// <summary>
/// A throwaway PostgreSQL server started by <c>scripts/postgres-server.sh</c> in a temporary
/// directory (the script installs Debian's postgresql when it is missing). Outside CI, a machine
/// that cannot run one skips the tests that need it; in CI they fail instead.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "counters-pg-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>
    /// True to run with fsync and full page writes on, as a user's server does (the bench measures
    /// both); false, the default, skips them: faster, and safe unless the machine itself fails.
    /// </summary>
    public bool Fsync { get; init; }

    /// <summary>The Npgsql connection string, or null when no server could be started.</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>Why no server runs, when none does.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>Skips the calling test outside CI when there is no server; fails it in CI.</summary>
    public string Require()
    {
        if (ConnectionString is not null)
        {
            return ConnectionString;
        }

        var reason = $"No PostgreSQL server: {Unavailable}. Run as root (the script installs Debian's postgresql) or see README 'Tests'.";
        Skip.If(Environment.GetEnvironmentVariable("CI") is not "true", reason);
        throw new InvalidOperationException(reason);
    }

    /// <summary>Stops the server: <c>immediate</c> aborts it like a crash, otherwise it shuts down cleanly.</summary>
    public async Task StopAsync(bool immediate)
    {
        var (exitCode, _, error) = await RunScriptAsync("stop", immediate ? "immediate" : "fast");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"postgres-server.sh stop exited {exitCode}: {error.Trim()}");
        }
    }

    /// <summary>Starts the stopped server again on the port its connection string names.</summary>
    public async Task RestartAsync()
    {
        var port = Require().Split(';').Single(part => part.StartsWith("Port=", StringComparison.Ordinal))["Port=".Length..];
        var (exitCode, _, error) = await RunScriptAsync("start", port);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"postgres-server.sh start exited {exitCode}: {error.Trim()}");
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var (exitCode, output, error) = await RunScriptAsync("start");
        if (exitCode == 0 && output.Trim() is { Length: > 0 } connectionString)
        {
            ConnectionString = connectionString;
        }
        else
        {
            Unavailable = $"postgres-server.sh exited {exitCode}: {error.Trim()}";
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (ConnectionString is not null)
        {
            await RunScriptAsync("stop");
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Task<(int ExitCode, string Output, string Error)> RunScriptAsync(string command, params string[] arguments) =>
        RepositoryScript.RunAsync(
            "postgres-server.sh", new Dictionary<string, string> { ["POSTGRES_FSYNC"] = Fsync ? "on" : "off" }, [command, _directory, .. arguments]);
}
