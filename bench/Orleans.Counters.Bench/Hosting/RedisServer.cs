using StackExchange.Redis;

namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// A throwaway <c>redis-server</c> (Debian's package, installed when missing and running as root) on a
/// free loopback port, with the <see cref="RedisPersistence"/> asked for; its files live in a temporary
/// folder removed when it stops.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Program = "redis-server";
    private readonly ProcessHost _process;
    private readonly IDisposable _emergencyStop;
    private readonly string _directory;

    private RedisServer(ProcessHost process, string directory, int port, string version)
    {
        _process = process;
        _emergencyStop = EmergencyStop.Register(process.Kill);
        _directory = directory;
        Port = port;
        Endpoint = $"127.0.0.1:{port}";
        Version = version;
    }

    /// <summary>host:port, for StackExchange.Redis.</summary>
    public string Endpoint { get; }

    /// <summary>The server's version, such as 7.0.15.</summary>
    public string Version { get; }

    /// <summary>The <c>redis-benchmark</c> next to redis-server, if the package has it.</summary>
    public static string? BenchmarkTool => Find("redis-benchmark");

    /// <summary>The port it listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Installs redis-server if needed, starts it with <paramref name="persistence"/>, and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync(RedisPersistence persistence, CancellationToken cancellationToken)
    {
        var executable = await EnsureInstalledAsync(cancellationToken);
        var versionLine = await CommandRunner.RunCheckedAsync(executable, ["--version"], cancellationToken);
        var version = versionLine.Split(' ').FirstOrDefault(part => part.StartsWith("v=", StringComparison.Ordinal))?[2..] ?? versionLine.Trim();
        var directory = Directory.CreateTempSubdirectory("counters-bench-redis-").FullName;
        var port = FreePort.Next();
        var process = ServerProcess.Start("redis-server", executable,
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--daemonize", "no",
            .. persistence.Arguments, "--dir", directory, "--loglevel", "warning",
        ]);
        var server = new RedisServer(process, directory, port, version);
        try
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(20), process, cancellationToken);
            await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Endpoint);
            await connection.GetDatabase().PingAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _emergencyStop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (Find(Program) is { } found)
        {
            return found;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("redis-server is not installed and installing it needs root: apt-get install redis-server");
        }

        Progress.Info("installing Debian package redis-server");
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        await CommandRunner.RunCheckedAsync("apt-get", ["update", "-q"], cancellationToken, environment);
        await CommandRunner.RunCheckedAsync("apt-get", ["install", "-y", "-q", "--no-install-recommends", "redis-server"], cancellationToken, environment);
        return Find(Program) ?? throw new InvalidOperationException("redis-server installed, but not found on PATH");
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(Path.PathSeparator)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
