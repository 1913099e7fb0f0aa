namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// Starts a server the bench runs as a process of its own, keeping only its last lines: a bench run is long and
/// servers are chatty. With <c>COUNTERS_BENCH_LOG_DIR</c> set, each server's whole output also goes to a file
/// there, named after the server (appended to: a mode run twice writes one file).
/// </summary>
public static class ServerProcess
{
    private const int KeptLines = 60;

    /// <summary>The environment variable naming the folder for the servers' whole logs.</summary>
    public const string LogDirectoryVariable = "COUNTERS_BENCH_LOG_DIR";

    /// <summary>
    /// Starts a program with the repository root as working directory; on <paramref name="cores"/> only
    /// (taskset's list syntax) when given. taskset execs the program, so the process id stays the program's.
    /// </summary>
    public static ProcessHost Start(string name, string fileName, IEnumerable<string> arguments, string? cores = null)
    {
        var (program, programArguments) = cores is null ? (fileName, [.. arguments]) : TaskSet.Wrap(cores, fileName, arguments);
        return ProcessHost.Start(new ProcessHostOptions { FileName = program, Arguments = [.. programArguments], Name = name, KeptLines = KeptLines, LogFile = LogFile(name) });
    }

    /// <summary>The file for a server's whole log, such as <c>silo-durable-mode.log</c>; null unless asked for.</summary>
    public static string? LogFile(string name)
    {
        if (Environment.GetEnvironmentVariable(LogDirectoryVariable) is not { Length: > 0 } directory)
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        var file = string.Join('-', name.Split([' ', '(', ')', '=', ','], StringSplitOptions.RemoveEmptyEntries));
        return Path.Combine(directory, file + ".log");
    }
}
