namespace Orleans.Counters.Bench.Hosting;

/// <summary>An HTTP service the bench started on loopback, made of one or more processes; disposal stops them all.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<ChildProcess> _processes;

    /// <summary>Takes charge of the processes (the HTTP server last) serving at <paramref name="baseAddress"/>.</summary>
    public RunningService(Uri baseAddress, IEnumerable<ChildProcess> processes)
    {
        BaseAddress = baseAddress;
        _processes = [.. processes];
    }

    /// <summary>Where the HTTP server listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The process of the HTTP server (in default mode, the gateway with its silo).</summary>
    public ChildProcess Server => _processes[^1];

    /// <summary>A fresh loopback URL for a server to listen on.</summary>
    public static Uri FreeUrl() => new($"http://127.0.0.1:{FreePort.Next()}");

    /// <summary>Waits until a GET of <paramref name="path"/> answers 2xx; fails early with its output when a process exits.</summary>
    public async Task WaitUntilServingAsync(string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            _processes.ForEach(p => p.ThrowIfExited());
            try
            {
                using var response = await http.GetAsync(path, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                var logs = string.Join('\n', _processes.Select(p => $"--- {p.Name} ---\n{p.Tail}"));
                throw new TimeoutException($"{BaseAddress}{path.TrimStart('/')} did not answer 2xx within {StartTimeout}:\n{logs}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The HTTP server first, then what it depends on.
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }
    }
}
