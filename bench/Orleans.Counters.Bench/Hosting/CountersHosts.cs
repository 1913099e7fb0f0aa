namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// Starts our system from its Release builds, the way the integration tests do: its own cluster id
/// and free ports, so it never meets another cluster running on the machine.
/// </summary>
public static class CountersHosts
{
    /// <summary>The query the bench waits on before loading a gateway.</summary>
    public static string ReadinessPath => $"/api/stats/track/all/pageview/{DateTime.UtcNow.Year}";

    /// <summary>Default mode: one gateway process with its silo inside, counts in memory, memory streams.</summary>
    public static async Task<RunningService> StartDefaultAsync(HostBinaries binaries, CancellationToken cancellationToken)
    {
        var url = RunningService.FreeUrl();
        var gateway = ChildProcess.Start("gateway (default mode)", "dotnet",
        [
            binaries.Gateway, "--urls", url.ToString(), .. ClusterArguments(),
        ]);
        return await ServeAsync(url, [gateway], cancellationToken);
    }

    /// <summary>
    /// Durable PostgreSQL mode: a silo process and a gateway process (an Orleans client of it), grain
    /// state, membership and the events stream in PostgreSQL, configured from silo-config/.
    /// </summary>
    public static async Task<RunningService> StartDurableAsync(HostBinaries binaries, string connectionString, CancellationToken cancellationToken)
    {
        string[] shared = [.. ClusterArguments(), "--Counters:Streams", "PostgreSql"];
        var silo = ChildProcess.Start("silo (durable mode)", "dotnet",
        [
            binaries.Silo, "--config", "silo-config/silo.postgres.json", .. shared,
            "--ConnectionStrings:Counters", connectionString + ";Maximum Pool Size=40;Timeout=30",
            "--Counters:Cluster:AdvertisedAddress", "127.0.0.1",
            "--Counters:Silo:HttpPort", FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ]);
        var url = RunningService.FreeUrl();
        ChildProcess gateway;
        try
        {
            gateway = ChildProcess.Start("gateway (durable mode)", "dotnet",
            [
                binaries.Gateway, "--config", "silo-config/gateway.postgres.json", .. shared,
                "--ConnectionStrings:Counters", connectionString + ";Maximum Pool Size=10;Timeout=30",
                "--urls", url.ToString(),
            ]);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return await ServeAsync(url, [silo, gateway], cancellationToken);
    }

    private static string[] ClusterArguments()
    {
        var id = "bench-" + Guid.NewGuid().ToString("N")[..8];
        return
        [
            "--Counters:Cluster:ClusterId", id, "--Counters:Cluster:ServiceId", id,
            "--Counters:Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--Counters:Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ];
    }

    private static async Task<RunningService> ServeAsync(Uri url, ChildProcess[] processes, CancellationToken cancellationToken)
    {
        var service = new RunningService(url, processes);
        try
        {
            await service.WaitUntilServingAsync(ReadinessPath, cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }
}
