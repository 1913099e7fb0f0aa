namespace Orleans.Counters.Bench.Hosting;

/// <summary>
/// Sets which cores running processes may use, with util-linux's <c>taskset</c>: every thread of a process
/// (<c>-a</c>), and optionally of its child processes too (a PostgreSQL postmaster's backends). Threads and
/// processes started afterwards inherit the setting from their creator.
/// </summary>
public static class TaskSet
{
    /// <summary>The taskset program, or null when it is not installed.</summary>
    public static string? Path => new[] { "/usr/bin/taskset", "/bin/taskset" }.FirstOrDefault(File.Exists);

    /// <summary>The command that starts <paramref name="fileName"/> on <paramref name="cores"/> only (taskset's list syntax).</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) Wrap(string cores, string fileName, IEnumerable<string> arguments) =>
        (Path ?? throw new InvalidOperationException("taskset is not installed"), ["-c", cores, fileName, .. arguments]);

    /// <summary>Moves every thread of <paramref name="processId"/> (and of its children, when asked) to <paramref name="cores"/>.</summary>
    public static async Task PinAsync(int processId, string cores, bool withChildren, CancellationToken cancellationToken)
    {
        var tool = Path ?? throw new InvalidOperationException("taskset is not installed");
        var processes = withChildren ? [processId, .. ChildrenOf(processId)] : new[] { processId };
        foreach (var process in processes)
        {
            var outcome = await CommandRunner.RunAsync(tool, ["-a", "-p", "-c", cores, process.ToString(CultureInfo.InvariantCulture)], cancellationToken);
            // A child may exit between listing and pinning (a backend whose connection closed): nothing left to pin.
            if (outcome.ExitCode != 0 && (process == processId || Directory.Exists($"/proc/{process}")))
            {
                throw new InvalidOperationException($"taskset -a -p -c {cores} {process} exited with code {outcome.ExitCode}: {outcome.Error.Trim()}");
            }
        }
    }

    private static IEnumerable<int> ChildrenOf(int processId) =>
        Directory.EnumerateDirectories($"/proc/{processId}/task")
            .Select(task => System.IO.Path.Combine(task, "children"))
            .Where(File.Exists)
            .SelectMany(file => File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(child => int.Parse(child, CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();
}
