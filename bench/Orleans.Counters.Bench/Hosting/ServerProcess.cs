namespace Orleans.Counters.Bench.Hosting;

/// <summary>Starts a server the bench runs as a process of its own, keeping only its last lines: a bench run is long and servers are chatty.</summary>
public static class ServerProcess
{
    private const int KeptLines = 60;

    /// <summary>Starts a program with the repository root as working directory.</summary>
    public static ProcessHost Start(string name, string fileName, IEnumerable<string> arguments) =>
        ProcessHost.Start(new ProcessHostOptions { FileName = fileName, Arguments = [.. arguments], Name = name, KeptLines = KeptLines });
}
