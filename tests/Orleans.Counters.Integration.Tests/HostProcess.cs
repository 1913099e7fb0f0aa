using System.Diagnostics;
using System.Text;

namespace Orleans.Counters.Integration.Tests;

/// <summary>A silo or gateway running as its own process, its output kept for failure messages.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private HostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What the process has printed so far.</summary>
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

    /// <summary>Starts <c>dotnet src/{project}/bin/…/{project}.dll</c> with the given arguments.</summary>
    public static HostProcess Start(string project, params string[] arguments) => StartDll(RepositoryPaths.ProgramDll(project), arguments);

    /// <summary>Starts <c>dotnet {dll}</c> with the given arguments.</summary>
    public static HostProcess StartDll(string dll, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        return new HostProcess(Process.Start(start)!);
    }

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once the process has exited.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as an orchestrator does, and returns without waiting for the process to exit.</summary>
    public Task TerminateAsync() => SignalAsync("TERM");

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does, and returns without waiting for the process to exit.</summary>
    public Task InterruptAsync() => SignalAsync("INT");

    /// <summary>
    /// True when the process ignores SIGINT: it inherited that from a parent started in the background
    /// of a shell without job control, and Ctrl-C could not reach it.
    /// </summary>
    public bool IgnoresInterrupt
    {
        get
        {
            var ignored = File.ReadLines($"/proc/{_process.Id}/status").Single(line => line.StartsWith("SigIgn:", StringComparison.Ordinal));
            return (Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16) & (1UL << 1)) != 0;
        }
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString()])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Asks the process to shut down gracefully (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        await TerminateAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The process did not stop within {timeout} of SIGTERM:\n{Log}");
        }
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
