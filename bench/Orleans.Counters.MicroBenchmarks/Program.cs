using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Orleans.Counters.MicroBenchmarks;

/// <summary>
/// Runs the micro-benchmarks BenchmarkDotNet's arguments pick:
/// <c>dotnet run -c Release --project bench/Orleans.Counters.MicroBenchmarks -- --filter '*' [--job short]</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // Reports go beside the binaries (ignored by git) rather than into whatever folder the command ran from.
        var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
