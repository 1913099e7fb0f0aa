namespace Orleans.Counters.Bench.Hosting;

/// <summary>Starts a server the bench runs as a process of its own, keeping only its last lines: a bench run is long and servers are chatty.</summary>
public static class ServerProcess
{
    private const int KeptLines = 60;

    /// <summary>
    /// Starts a program with the repository root as working directory; on <paramref name="cores"/> only
    /// (taskset's list syntax) when given. taskset execs the program, so the process id stays the program's.
    /// </summary>
    public static ProcessHost Start(string name, string fileName, IEnumerable<string> arguments, string? cores = null)
    {
        var (program, programArguments) = cores is null ? (fileName, [.. arguments]) : TaskSet.Wrap(cores, fileName, arguments);
        return ProcessHost.Start(new ProcessHostOptions { FileName = program, Arguments = [.. programArguments], Name = name, KeptLines = KeptLines });
    }
}
