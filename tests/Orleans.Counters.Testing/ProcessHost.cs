using System.Diagnostics;
using System.Text;

namespace Orleans.Counters.Testing;

/// <summary>
/// A program that tests or the bench run as a process of their own (a silo, a gateway, counters-ship,
/// a sample, a baseline server): its output lines kept for waits and failure messages, signals as an
/// orchestrator or a terminal sends them, and its exit code. Disposal kills it and its children.
/// </summary>
public sealed class ProcessHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly int? _keptLines;
    private readonly Queue<string> _lines = new();
    private readonly StreamWriter? _logFile;
    private TaskCompletionSource _changed = NewSignal();

    private ProcessHost(string name, Process process, int? keptLines, StreamWriter? logFile)
    {
        Name = name;
        _process = process;
        _keptLines = keptLines;
        _logFile = logFile;
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => Signal();
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What messages call this process.</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>What the process has printed so far, standard output and error interleaved (only the last lines when told to keep a tail).</summary>
    public string Log
    {
        get
        {
            lock (_lines)
            {
                return string.Concat(_lines.Select(line => line + "\n"));
            }
        }
    }

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once the process has exited.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

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

    /// <summary>Starts a process as <paramref name="options"/> say.</summary>
    public static ProcessHost Start(ProcessHostOptions options)
    {
        var start = new ProcessStartInfo(options.FileName, options.Arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = options.RedirectInput,
            WorkingDirectory = options.WorkingDirectory ?? RepositoryPaths.Root,
        };
        if (options.RedirectInput)
        {
            start.StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var hostName = options.Name ?? Path.GetFileName(options.FileName);
        var logFile = options.LogFile is null ? null : new StreamWriter(options.LogFile, append: true) { AutoFlush = true };
        logFile?.WriteLine($"=== {hostName} started {DateTime.UtcNow:O}: {options.FileName} {string.Join(' ', options.Arguments)}");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{options.FileName} did not start");
        return new ProcessHost(hostName, process, options.KeptLines, logFile);
    }

    /// <summary>Starts <c>dotnet {dll}</c> with the repository root as working directory.</summary>
    public static ProcessHost StartDll(string dll, params string[] arguments) =>
        Start(new ProcessHostOptions { FileName = "dotnet", Arguments = [dll, .. arguments], Name = Path.GetFileNameWithoutExtension(dll) });

    /// <summary>Starts the built program of <c>src/{project}</c> (<c>dotnet src/{project}/bin/…/{project}.dll</c>).</summary>
    public static ProcessHost StartProgram(string project, params string[] arguments) => StartDll(RepositoryPaths.ProgramDll(project), arguments);

    /// <summary>Throws, with what it printed, when the process has already exited.</summary>
    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{Log}");
        }
    }

    /// <summary>Sends SIGTERM, as an orchestrator does, and returns without waiting for the process to exit.</summary>
    public Task TerminateAsync() => SignalAsync("TERM");

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does, and returns without waiting for the process to exit.</summary>
    public Task InterruptAsync() => SignalAsync("INT");

    /// <summary>Kills the process and its children at once (SIGKILL): nothing is finished, nothing said goodbye.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code; throws, with its log, after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}:\n{Log}");
        }

        return _process.ExitCode;
    }

    /// <summary>Asks the process to shut down gracefully (SIGTERM) and waits for it to exit; kills it and throws after <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        await TerminateAsync();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not stop within {timeout} of SIGTERM:\n{Log}");
        }
    }

    /// <summary>Waits until the process has printed a line containing <paramref name="text"/>; throws, with its log, when it exits first or after <paramref name="timeout"/>.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lines)
            {
                if (_lines.Any(line => line.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }

                changed = _changed.Task;
            }

            if (_process.HasExited)
            {
                // Exited is raised before the last lines are read: wait for the end of its output, then look once more.
                await _process.WaitForExitAsync(CancellationToken.None);
                if (Log.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                throw new InvalidOperationException($"{Name} exited (code {_process.ExitCode}) without printing '{text}':\n{Log}");
            }

            try
            {
                await changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not print '{text}' within {timeout}:\n{Log}");
            }
        }
    }

    /// <summary>Writes lines to the process's standard input (started with <see cref="ProcessHostOptions.RedirectInput"/>).</summary>
    public async Task WriteLinesAsync(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await _process.StandardInput.WriteAsync(line + "\n");
        }

        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Closes the process's standard input: the end of its input.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_lines)
        {
            _logFile?.Dispose();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _logFile?.WriteLine(line);
            _lines.Enqueue(line);
            if (_lines.Count > _keptLines)
            {
                _lines.Dequeue();
            }
        }

        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_lines)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }
}
