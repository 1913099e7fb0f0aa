namespace Orleans.Counters.Bench.Hosting;

/// <summary>Runs a command to completion: builds, package installs, the PostgreSQL script.</summary>
public static class CommandRunner
{
    /// <summary>What a finished command printed, and its exit code.</summary>
    public sealed record Outcome(int ExitCode, string Output, string Error);

    /// <summary>Runs the command in the repository root; a cancelled run kills it.</summary>
    public static async Task<Outcome> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the command and returns its standard output; throws, with its output, when it fails.</summary>
    public static async Task<string> RunCheckedAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var argumentList = arguments.ToList();
        var outcome = await RunAsync(fileName, argumentList, cancellationToken, environment);
        if (outcome.ExitCode != 0)
        {
            var printed = (outcome.Output + "\n" + outcome.Error).Trim();
            var tail = string.Join('\n', printed.Split('\n').TakeLast(40));
            throw new InvalidOperationException($"`{fileName} {string.Join(' ', argumentList)}` exited with code {outcome.ExitCode}:\n{tail}");
        }

        return outcome.Output;
    }
}
