namespace Orleans.Counters.Ship.Tests;

/// <summary>
/// A throwaway Apache httpd started by <c>scripts/apache-server.sh</c> in a temporary directory on a
/// loopback port (the script installs Debian's apache2 when it is missing). Outside CI, a machine
/// that cannot run one skips the test that needs it; in CI it fails instead.
/// </summary>
internal sealed class ApacheServer : IAsyncDisposable
{
    private bool _stopped;

    private ApacheServer(string directory, int port)
    {
        Directory = directory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The server's directory: its configuration, <c>htdocs/</c> and <c>error.log</c>.</summary>
    public string Directory { get; }

    /// <summary>Where it listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Its error log, where a piped logger's standard error goes too.</summary>
    public string ErrorLog => File.Exists(ErrorLogPath) ? File.ReadAllText(ErrorLogPath) : string.Empty;

    private string ErrorLogPath => Path.Combine(Directory, "error.log");

    /// <summary>
    /// Starts httpd serving <paramref name="files"/> (paths under the document root and their
    /// content), its combined access log going to <paramref name="logTarget"/> ("|command" for a
    /// piped logger). Skips the calling test outside CI when no server can be started.
    /// </summary>
    public static async Task<ApacheServer> StartAsync(string logTarget, IReadOnlyDictionary<string, string> files)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("counters-apache-").FullName;
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(directory, "htdocs", path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content);
        }

        var port = FreePort.Next();
        var (exitCode, error) = await RunScriptAsync("start", directory, port.ToString(), logTarget);
        if (exitCode != 0)
        {
            var reason = $"No Apache httpd: apache-server.sh exited {exitCode}: {error.Trim()}. Run as root (the script installs Debian's apache2).";
            System.IO.Directory.Delete(directory, recursive: true);
            Skip.If(Environment.GetEnvironmentVariable("CI") is not "true", reason);
            throw new InvalidOperationException(reason);
        }

        return new ApacheServer(directory, port);
    }

    /// <summary>Stops httpd gracefully and waits for it to exit: its piped logger gets SIGTERM and the end of its input.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        var (exitCode, error) = await RunScriptAsync("stop", Directory);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"apache-server.sh stop exited {exitCode}: {error.Trim()}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await RunScriptAsync("stop", Directory);
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<(int ExitCode, string Error)> RunScriptAsync(params string[] arguments)
    {
        var (exitCode, _, error) = await RepositoryScript.RunAsync("apache-server.sh", arguments);
        return (exitCode, error);
    }
}
