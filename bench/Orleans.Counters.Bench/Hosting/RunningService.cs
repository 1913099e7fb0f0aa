namespace Orleans.Counters.Bench.Hosting;

/// <summary>An HTTP service the bench started on loopback, made of one or more processes; disposal stops them all.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<ProcessHost> _processes;
    private readonly List<IDisposable> _emergencyStops;

    /// <summary>Takes charge of the processes (the HTTP server last) serving at <paramref name="baseAddress"/>.</summary>
    public RunningService(Uri baseAddress, IEnumerable<ProcessHost> processes)
    {
        BaseAddress = baseAddress;
        _processes = [.. processes];
        _emergencyStops = [.. _processes.Select(process => EmergencyStop.Register(process.Kill))];
    }

    /// <summary>Where the HTTP server listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The process of the HTTP server (in default mode, the gateway with its silo).</summary>
    public ProcessHost Server => _processes[^1];

    /// <summary>Waits until a GET of <paramref name="path"/> answers 2xx; fails early with its output when a process exits.</summary>
    public Task WaitUntilServingAsync(string path, CancellationToken cancellationToken) =>
        Readiness.WaitAsync(BaseAddress, _processes, StartTimeout, path, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The HTTP server first, then what it depends on.
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
            _emergencyStops[i].Dispose();
        }
    }
}
