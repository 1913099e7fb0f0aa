namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// Starts our system from its Release builds, with the tests' host arguments: its own cluster id
/// and free ports, so it never meets another cluster running on the machine.
/// </summary>
public static class CountersHosts
{
    /// <summary>Default mode: one gateway process with its silo inside, counts in memory, memory streams.</summary>
    public static async Task<RunningService> StartDefaultAsync(HostBinaries binaries, CancellationToken cancellationToken)
    {
        var arguments = HostArguments.Gateway().Cluster(NewClusterId());
        var gateway = ServerProcess.Start("gateway (default mode)", "dotnet", [binaries.Gateway, .. arguments.ToArray()]);
        return await ServeAsync(arguments.Url!, [gateway], cancellationToken);
    }

    /// <summary>
    /// Durable PostgreSQL mode: a silo process and a gateway process (an Orleans client of it), grain
    /// state, membership and the events stream in PostgreSQL, configured from silo-config/. Both run on
    /// <paramref name="cores"/> only (taskset's list syntax) when given.
    /// </summary>
    public static async Task<RunningService> StartDurableAsync(
        HostBinaries binaries, string connectionString, CancellationToken cancellationToken, string? cores = null)
    {
        var id = NewClusterId();
        var siloArguments = HostArguments.PostgresSilo(connectionString, id).Set("Counters:Streams", "PostgreSql");
        var silo = ServerProcess.Start("silo (durable mode)", "dotnet", [binaries.Silo, .. siloArguments.ToArray()], cores);
        var gatewayArguments = HostArguments.PostgresGateway(connectionString, id, HostArguments.FreeUrl()).Set("Counters:Streams", "PostgreSql");
        ProcessHost gateway;
        try
        {
            gateway = ServerProcess.Start("gateway (durable mode)", "dotnet", [binaries.Gateway, .. gatewayArguments.ToArray()], cores);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return await ServeAsync(gatewayArguments.Url!, [silo, gateway], cancellationToken);
    }

    private static string NewClusterId() => "bench-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<RunningService> ServeAsync(Uri url, ProcessHost[] processes, CancellationToken cancellationToken)
    {
        var service = new RunningService(url, processes);
        try
        {
            await service.WaitUntilServingAsync(Readiness.ReadyPath, cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }
}
