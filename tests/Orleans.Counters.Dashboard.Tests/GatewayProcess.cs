using System.Diagnostics;
using System.Text;

namespace Orleans.Counters.Dashboard.Tests;

/// <summary>
/// The real gateway, with its in-memory silo, as a process of its own on a free loopback port, as
/// <c>dotnet Orleans.Counters.Gateway.dll</c> runs it. It starts in an empty temporary folder, so
/// the dashboard's assets are shown to be found whatever the working directory.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _workingDirectory;

    private GatewayProcess(Process process, string workingDirectory, Uri address)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        Address = address;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where the gateway listens.</summary>
    public Uri Address { get; }

    /// <summary>What the gateway has printed so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a gateway with more command-line <paramref name="settings"/> and waits until it is ready.</summary>
    public static async Task<GatewayProcess> StartAsync(params string[] settings)
    {
        var port = FreePort.Next();
        var address = new Uri($"http://127.0.0.1:{port}");
        var workingDirectory = Directory.CreateTempSubdirectory("counters-dashboard-").FullName;
        var start = new ProcessStartInfo("dotnet",
        [
            RepositoryPaths.ProgramDll("Orleans.Counters.Gateway"),
            "--urls", address.ToString(),
            "--Counters:Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--Counters:Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            // The seeded traffic is in 2025: wider than the default 400 days, whenever the tests run.
            "--Counters:Limits:MaxAge", "3650.00:00:00",
            // The Orleans dashboard's statistics are not what these tests look at.
            "--Counters:Dashboard:Enabled", "false",
            .. settings,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        var gateway = new GatewayProcess(Process.Start(start)!, workingDirectory, address);
        await gateway.WaitUntilReadyAsync();
        return gateway;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_workingDirectory, recursive: true);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"The gateway at {Address} was not ready within {StartTimeout} (exited: {_process.HasExited}):\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
