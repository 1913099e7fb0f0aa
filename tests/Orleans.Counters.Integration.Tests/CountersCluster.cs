namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// Silo processes and gateway processes (one, or more with <see cref="AddGateway"/>) in PostgreSQL
/// mode on loopback, configured from silo-config/ plus a cluster of their own (cluster and service
/// id), on free ports.
/// </summary>
public sealed class CountersCluster : IAsyncDisposable
{
    // Two cores shared with other builds: a gateway restarted right after a load once took over 60 s to serve.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly string _connectionString;
    private readonly string[] _shared;
    private readonly List<(ProcessHost? Process, HostArguments Arguments)> _silos = [];
    private readonly List<string> _endedLogs = [];
    private readonly List<ClusterGateway> _gateways = [];

    /// <summary>Prepares a cluster; nothing runs until started.</summary>
    /// <param name="connectionString">The PostgreSQL database.</param>
    /// <param name="settings">Settings for every process, as <c>--key value</c> pairs.</param>
    public CountersCluster(string connectionString, params string[] settings)
    {
        _connectionString = connectionString;
        ClusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        _shared = ["--Logging:Console:TimestampFormat", "HH:mm:ss.fff ", "--Counters:Limits:MaxAge", "3650.00:00:00", .. settings];
        AddGateway();
    }

    /// <summary>The cluster's id, which is also its service id: what an Orleans client of it names.</summary>
    public string ClusterId { get; }

    /// <summary>The gateways, the first one always there; each has its own port and clients.</summary>
    public IReadOnlyList<ClusterGateway> Gateways => _gateways;

    /// <summary>A client for the first gateway.</summary>
    public HttpClient Http => _gateways[0].Http;

    /// <summary>The stats API client for the first gateway.</summary>
    public StatsClient Client => _gateways[0].Client;

    /// <summary>Everything the processes printed, for failure messages.</summary>
    public string Logs => string.Join('\n', [
        .. _endedLogs,
        .. _silos.Select((s, i) => $"--- silo {i} ---\n{s.Process?.Log}"),
        .. _gateways.Select(g => $"--- gateway {g.Index} ---\n{g.Process?.Log}")]);

    /// <summary>Prepares one more gateway on a port of its own; returns its index. It runs once started.</summary>
    public int AddGateway()
    {
        _gateways.Add(new ClusterGateway(_gateways.Count));
        return _gateways.Count - 1;
    }

    /// <summary>Starts one more silo; returns its index.</summary>
    public int StartSilo()
    {
        var arguments = HostArguments.PostgresSilo(_connectionString, ClusterId).Add(_shared);
        _silos.Add((StartSiloProcess(_silos.Count, arguments), arguments));
        return _silos.Count - 1;
    }

    /// <summary>The indexes of the silos running now: started, and neither killed nor stopped.</summary>
    public IEnumerable<int> RunningSilos => Enumerable.Range(0, _silos.Count).Where(i => _silos[i].Process is { HasExited: false });

    /// <summary>What a running silo printed so far: which silo logged a grain's work tells where that grain is active.</summary>
    public string SiloLog(int index) => _silos[index].Process?.Log ?? string.Empty;

    /// <summary>Where a silo serves its health and metrics.</summary>
    public Uri SiloHttp(int index) => _silos[index].Arguments.SiloHttp;

    /// <summary>The first gateway's process, once started.</summary>
    public ProcessHost? Gateway => _gateways[0].Process;

    /// <summary>
    /// Waits until every silo started so far answers <c>/health/ready</c> (Active in the cluster), then
    /// starts a gateway (the first unless told), as an Orleans client of the silos, and waits until it
    /// serves. Without the first wait a test could stop a silo that is still joining.
    /// </summary>
    public async Task StartGatewayAsync(int index = 0)
    {
        for (var silo = 0; silo < _silos.Count; silo++)
        {
            if (_silos[silo].Process is not null)
            {
                await WaitUntilSiloReadyAsync(silo);
            }
        }

        StartGateway(index);
        await WaitUntilServingAsync(index);
    }

    /// <summary>Starts a gateway process, as an Orleans client of the cluster, whether or not any silo runs; does not wait.</summary>
    public void StartGateway(int index = 0)
    {
        var gateway = _gateways[index];
        var arguments = HostArguments.PostgresGateway(_connectionString, ClusterId, gateway.Http.BaseAddress!).Add(_shared);
        gateway.Process = ProcessHost.Start(new ProcessHostOptions
        {
            FileName = "dotnet",
            Arguments = [RepositoryPaths.ProgramDll("Orleans.Counters.Gateway"), .. arguments.ToArray()],
            Name = $"gateway {index}",
        });
    }

    /// <summary>Waits until a gateway answers 200 on <c>/health/live</c>: it listens, whatever the cluster.</summary>
    public Task WaitUntilGatewayListensAsync(int index = 0)
    {
        var gateway = _gateways[index];
        return Readiness.WaitAsync(gateway.Http.BaseAddress!, [gateway.Process!], StartTimeout, Readiness.LivePath);
    }

    /// <summary>Kills a gateway at once (SIGKILL): connections it held are cut, nothing is finished.</summary>
    public async Task KillGatewayAsync(int index)
    {
        var gateway = _gateways[index];
        var process = gateway.Process ?? throw new InvalidOperationException($"Gateway {index} is not running.");
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Gateway {index} had exited by itself (exit code {process.ExitCode}) before the test killed it:\n{process.Log}");
        }

        await process.DisposeAsync();
        _endedLogs.Add($"--- gateway {index} (killed) ---\n{process.Log}");
        gateway.Process = null;
    }

    /// <summary>Stops a silo gracefully (SIGTERM) and starts it again on the same ports.</summary>
    public async Task RestartSiloAsync(int index)
    {
        var (process, arguments) = _silos[index];
        await process!.StopAsync(TimeSpan.FromSeconds(30));
        await process.DisposeAsync();
        _silos[index] = (StartSiloProcess(index, arguments), arguments);
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
    private ProcessHost RunningSilo(int index)
    {
        var process = _silos[index].Process ?? throw new InvalidOperationException($"Silo {index} is not running.");
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Silo {index} had exited by itself (exit code {process.ExitCode}) before the test stopped it:\n{process.Log}");
        }

        return process;
    }

    /// <summary>Keeps an ended silo's log for <see cref="Logs"/>.</summary>
    private void Ended(int index, ProcessHost process, string how)
    {
        _endedLogs.Add($"--- silo {index} ({how}) ---\n{process.Log}");
        _silos[index] = (null, _silos[index].Arguments);
    }

    /// <summary>Waits until a silo answers 200 on <c>/health/ready</c>: it is Active in the membership table and storage answers.</summary>
    public Task WaitUntilSiloReadyAsync(int index) => Readiness.WaitAsync(SiloHttp(index), RunningSilo(index), StartTimeout);

    /// <summary>Waits until a gateway (the first unless told) answers 200 on <c>/health/ready</c>: it reaches an active silo and storage answers.</summary>
    public Task WaitUntilServingAsync(int index = 0)
    {
        var gateway = _gateways[index];
        return Readiness.WaitAsync(gateway.Http.BaseAddress!, gateway.Process!, StartTimeout);
    }

    private static ProcessHost StartSiloProcess(int index, HostArguments arguments) => ProcessHost.Start(new ProcessHostOptions
    {
        FileName = "dotnet",
        Arguments = [RepositoryPaths.ProgramDll("Orleans.Counters.Silo"), .. arguments.ToArray()],
        Name = $"silo {index}",
    });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            gateway.Dispose();
            if (gateway.Process is not null)
            {
                await gateway.Process.DisposeAsync();
            }
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
