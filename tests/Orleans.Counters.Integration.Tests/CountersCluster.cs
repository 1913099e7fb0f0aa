namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// Silo processes and a gateway process in PostgreSQL mode on loopback, configured from
/// silo-config/ plus a cluster of their own (cluster and service id), on free ports.
/// </summary>
public sealed class CountersCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _connectionString;
    private readonly string[] _shared;
    private readonly List<(HostProcess? Process, string[] Arguments)> _silos = [];
    private readonly List<string> _endedLogs = [];
    private HostProcess? _gateway;

    /// <summary>Prepares a cluster; nothing runs until started.</summary>
    /// <param name="connectionString">The PostgreSQL database.</param>
    /// <param name="settings">Settings for every process, as <c>--key value</c> pairs.</param>
    public CountersCluster(string connectionString, params string[] settings)
    {
        _connectionString = connectionString;
        var id = "test-" + Guid.NewGuid().ToString("N")[..8];
        _shared = ["--Counters:Cluster:ClusterId", id, "--Counters:Cluster:ServiceId", id, "--Logging:Console:TimestampFormat", "HH:mm:ss.fff ", "--Counters:Limits:MaxAge", "3650.00:00:00", .. settings];
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}") };
        Client = new StatsClient(Http);
    }

    /// <summary>A client for the gateway.</summary>
    public HttpClient Http { get; }

    /// <summary>The stats API client for the gateway.</summary>
    public StatsClient Client { get; }

    /// <summary>Everything the processes printed, for failure messages.</summary>
    public string Logs => string.Join('\n', [.. _endedLogs, .. _silos.Select((s, i) => $"--- silo {i} ---\n{s.Process?.Log}")]) + $"\n--- gateway ---\n{_gateway?.Log}";

    /// <summary>Starts one more silo; returns its index.</summary>
    public int StartSilo()
    {
        string[] arguments =
        [
            "--config", "silo-config/silo.postgres.json", .. _shared,
            "--ConnectionStrings:Counters", _connectionString + ";Maximum Pool Size=40;Timeout=30",
            "--Counters:Cluster:SiloPort", FreePort.Next().ToString(), "--Counters:Cluster:GatewayPort", FreePort.Next().ToString(),
            "--Counters:Cluster:AdvertisedAddress", "127.0.0.1",
            // Its health and metrics port: each silo on this machine needs its own.
            "--Counters:Silo:HttpPort", FreePort.Next().ToString(),
        ];
        _silos.Add((HostProcess.Start("Orleans.Counters.Silo", arguments), arguments));
        return _silos.Count - 1;
    }

    /// <summary>Where a silo serves its health and metrics.</summary>
    public Uri SiloHttp(int index)
    {
        var arguments = _silos[index].Arguments;
        return new Uri($"http://127.0.0.1:{arguments[Array.IndexOf(arguments, "--Counters:Silo:HttpPort") + 1]}");
    }

    /// <summary>The gateway process, once started.</summary>
    public HostProcess? Gateway => _gateway;

    /// <summary>
    /// Waits until every silo started so far answers <c>/health/ready</c> (Active in the cluster), then
    /// starts the gateway, as an Orleans client of the silos, and waits until it serves. Without the
    /// first wait a test could stop a silo that is still joining.
    /// </summary>
    public async Task StartGatewayAsync()
    {
        for (var index = 0; index < _silos.Count; index++)
        {
            if (_silos[index].Process is not null)
            {
                await WaitUntilSiloReadyAsync(index);
            }
        }

        StartGateway();
        await WaitUntilServingAsync();
    }

    /// <summary>Starts the gateway process, as an Orleans client of the cluster, whether or not any silo runs; does not wait.</summary>
    public void StartGateway() =>
        _gateway = HostProcess.Start(
            "Orleans.Counters.Gateway",
            [
                "--config", "silo-config/gateway.postgres.json", .. _shared,
                "--ConnectionStrings:Counters", _connectionString + ";Maximum Pool Size=10;Timeout=30",
                "--urls", Http.BaseAddress!.ToString(),
            ]);

    /// <summary>Waits until the gateway answers 200 on <c>/health/live</c>: it listens, whatever the cluster.</summary>
    public async Task WaitUntilGatewayListensAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_gateway!.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited (exit code {_gateway.ExitCode}) before it listened:\n{Logs}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/live");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The gateway did not listen within {StartTimeout}:\n{Logs}");
    }

    /// <summary>Stops a silo gracefully (SIGTERM) and starts it again on the same ports.</summary>
    public async Task RestartSiloAsync(int index)
    {
        var (process, arguments) = _silos[index];
        await process!.StopAsync(TimeSpan.FromSeconds(30));
        await process.DisposeAsync();
        _silos[index] = (HostProcess.Start("Orleans.Counters.Silo", arguments), arguments);
        await WaitUntilServingAsync();
    }

    /// <summary>Kills a silo at once (SIGKILL): no deactivation, no goodbye to the cluster.</summary>
    public async Task KillSiloAsync(int index)
    {
        var process = RunningSilo(index);
        await process.DisposeAsync();
        Ended(index, process, "killed");
    }

    /// <summary>
    /// Stops a silo process the way an orchestrator does, with SIGTERM, and waits until it has exited;
    /// returns its exit code.
    /// </summary>
    public async Task<int> StopSiloAsync(int index, TimeSpan timeout)
    {
        var process = RunningSilo(index);
        await process.StopAsync(timeout);
        var exitCode = process.ExitCode!.Value;
        await process.DisposeAsync();
        Ended(index, process, $"stopped, exit code {exitCode}");
        return exitCode;
    }

    /// <summary>The silo's process, which must still be running: a silo that died by itself would make a stop or a kill test nothing.</summary>
    private HostProcess RunningSilo(int index)
    {
        var process = _silos[index].Process ?? throw new InvalidOperationException($"Silo {index} is not running.");
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Silo {index} had exited by itself (exit code {process.ExitCode}) before the test stopped it:\n{process.Log}");
        }

        return process;
    }

    /// <summary>Keeps an ended silo's log for <see cref="Logs"/>.</summary>
    private void Ended(int index, HostProcess process, string how)
    {
        _endedLogs.Add($"--- silo {index} ({how}) ---\n{process.Log}");
        _silos[index] = (null, _silos[index].Arguments);
    }

    /// <summary>Waits until a silo answers 200 on <c>/health/ready</c>: it is Active in the membership table and storage answers.</summary>
    public async Task WaitUntilSiloReadyAsync(int index)
    {
        using var http = new HttpClient { BaseAddress = SiloHttp(index), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            RunningSilo(index);
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Silo {index} was not ready within {StartTimeout}:\n{Logs}");
    }

    /// <summary>Waits until the gateway answers a stats query.</summary>
    public async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await Http.GetAsync("/api/stats/track/all/pageview/2025");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The gateway did not serve within {StartTimeout}:\n{Logs}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        foreach (var (process, _) in _silos)
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }
    }
}
