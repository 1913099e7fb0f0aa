namespace Orleans.Counters.Testing;

/// <summary>
/// The real gateway, with its in-memory silo, as a process of its own on a free loopback port, as
/// <c>dotnet Orleans.Counters.Gateway.dll</c> runs it. It starts in an empty temporary folder, so
/// the dashboard's assets are shown to be found whatever the working directory.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ProcessHost _process;
    private readonly string _workingDirectory;

    private GatewayProcess(ProcessHost process, string workingDirectory, Uri address)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        Address = address;
    }

    /// <summary>Where the gateway listens.</summary>
    public Uri Address { get; }

    /// <summary>What the gateway has printed, for a failure's message.</summary>
    public string Log => _process.Log;

    /// <summary>Starts a gateway with more command-line <paramref name="settings"/> and waits until it is ready.</summary>
    public static async Task<GatewayProcess> StartAsync(params string[] settings)
    {
        var arguments = HostArguments.Gateway()
            // The seeded traffic is in 2025: wider than the default 400 days, whenever the tests run.
            .Set("Counters:Limits:MaxAge", "3650.00:00:00")
            // The Orleans dashboard's statistics are not what these tests look at.
            .Set("Counters:Dashboard:Enabled", "false")
            .Add(settings);
        var workingDirectory = Directory.CreateTempSubdirectory("counters-dashboard-").FullName;
        var process = ProcessHost.Start(new ProcessHostOptions
        {
            FileName = "dotnet",
            Arguments = [RepositoryPaths.ProgramDll("Orleans.Counters.Gateway"), .. arguments.ToArray()],
            Name = "gateway",
            WorkingDirectory = workingDirectory,
        });
        var gateway = new GatewayProcess(process, workingDirectory, arguments.Url!);
        try
        {
            await Readiness.WaitAsync(gateway.Address, process, StartTimeout);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_workingDirectory, recursive: true);
    }
}
