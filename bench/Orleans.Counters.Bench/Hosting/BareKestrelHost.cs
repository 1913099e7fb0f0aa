using Orleans.Counters.Bench.Baselines;

namespace Orleans.Counters.Bench.Hosting;

/// <summary>Starts the bare Kestrel baseline: this same binary, in its own process, as <see cref="BareKestrelServer"/>.</summary>
public static class BareKestrelHost
{
    /// <summary>Starts the server on a free loopback port and waits until it serves.</summary>
    public static async Task<RunningService> StartAsync(CancellationToken cancellationToken)
    {
        var url = HostArguments.FreeUrl();
        var self = Path.Combine(AppContext.BaseDirectory, typeof(BareKestrelHost).Assembly.GetName().Name + ".dll");
        var server = ServerProcess.Start("bare Kestrel", "dotnet", [self, BareKestrelServer.Command, "--urls", url.ToString()]);
        var service = new RunningService(url, [server]);
        try
        {
            await service.WaitUntilServingAsync("/ready", cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }
}
