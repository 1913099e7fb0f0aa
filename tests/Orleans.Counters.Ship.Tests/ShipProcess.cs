using System.Diagnostics;

namespace Orleans.Counters.Ship.Tests;

/// <summary>counters-ship running as a child process (<c>dotnet Orleans.Counters.Ship.dll …</c>), its standard input ours to write.</summary>
internal sealed class ShipProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private ShipProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>What the tool has written so far (standard error, where its messages go, and output).</summary>
    public string Messages
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts the tool with the given arguments.</summary>
    public static ShipProcess Start(params string[] arguments) => Start(arguments, new Dictionary<string, string>());

    /// <summary>Starts the tool with the given arguments and environment variables.</summary>
    public static ShipProcess Start(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotnetHost.Path, [DotnetHost.ShipDll, .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        start.Environment.Remove(Cli.ShipCommand.SaltVariable);
        start.Environment.Remove(Cli.ShipCommand.KeyVariable);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ShipProcess(Process.Start(start)!);
    }

    /// <summary>Writes lines to the tool's standard input.</summary>
    public async Task WriteLinesAsync(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await _process.StandardInput.WriteAsync(line + "\n");
        }

        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Closes the tool's standard input: the end of its input.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Sends SIGTERM, as Apache does to its piped loggers when it stops.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits until the tool has written a message containing <paramref name="text"/>.</summary>
    public async Task WaitForMessageAsync(string text, TimeSpan timeout)
    {
        var messages = await Eventually.ReadAsync(() => Task.FromResult(Messages), m => m.Contains(text, StringComparison.Ordinal), timeout);
        Assert.True(messages.Contains(text, StringComparison.Ordinal), $"no '{text}' within {timeout}:\n{messages}");
    }

    /// <summary>Waits for the tool to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"counters-ship did not exit within {timeout}:\n{Messages}");
        }

        return _process.ExitCode;
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
        if (line is not null)
        {
            lock (_errors)
            {
                _errors.AppendLine(line);
            }
        }
    }
}
