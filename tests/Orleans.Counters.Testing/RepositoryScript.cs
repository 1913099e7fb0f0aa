using System.Diagnostics;

namespace Orleans.Counters.Testing;

/// <summary>Runs one of the repository's shell scripts (<c>scripts/NAME</c>) with bash and collects what it wrote.</summary>
public static class RepositoryScript
{
    /// <summary>Runs <paramref name="name"/> with <paramref name="arguments"/> to its exit.</summary>
    /// <returns>Its exit code, standard output and standard error.</returns>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string name, params string[] arguments) =>
        RunAsync(name, new Dictionary<string, string>(), arguments);

    /// <summary>Runs <paramref name="name"/> with <paramref name="arguments"/> and these environment variables set, to its exit.</summary>
    /// <returns>Its exit code, standard output and standard error.</returns>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string name, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "scripts", name), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }

        using var process = Process.Start(start)!;
        // Both pipes are read at once: a script that fills one while the other is waited for would block.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
