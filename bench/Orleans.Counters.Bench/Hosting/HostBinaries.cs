namespace Orleans.Counters.Bench.Hosting;

/// <summary>The Release builds of our hosts that the scenarios start.</summary>
/// <param name="Gateway">src/Orleans.Counters.Gateway/bin/Release/net10.0/Orleans.Counters.Gateway.dll</param>
/// <param name="Silo">src/Orleans.Counters.Silo/bin/Release/net10.0/Orleans.Counters.Silo.dll</param>
public sealed record HostBinaries(string Gateway, string Silo)
{
    /// <summary>The solution filter naming the two hosts, so that one build does both.</summary>
    private static readonly string Filter = Path.Combine("bench", "Orleans.Counters.Bench", "Hosts.slnf");

    /// <summary>Builds the gateway and the silo (and what they reference) in Release.</summary>
    public static async Task<HostBinaries> BuildAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await CommandRunner.RunCheckedAsync("dotnet", ["build", Filter, "-c", "Release", "--nologo", "-v", "q"], cancellationToken);
        Progress.Info($"built the gateway and the silo (Release) in {clock.Elapsed.TotalSeconds:0.0} s");
        return new HostBinaries(Dll("Orleans.Counters.Gateway"), Dll("Orleans.Counters.Silo"));
    }

    private static string Dll(string project) =>
        Path.Combine(RepositoryPaths.Root, "src", project, "bin", "Release", "net10.0", project + ".dll");
}
