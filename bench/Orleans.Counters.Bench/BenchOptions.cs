namespace Orleans.Counters.Bench;

/// <summary>The command line of one bench run.</summary>
/// <param name="Quick">Run every scenario briefly: a smoke check, not figures to publish.</param>
/// <param name="OutDirectory">Where BENCHMARKS.md and benchmarks.json are written.</param>
/// <param name="Arguments">The arguments as given, to print the exact command in the report.</param>
public sealed record BenchOptions(bool Quick, string OutDirectory, IReadOnlyList<string> Arguments)
{
    /// <summary>The command every report names; the arguments follow it.</summary>
    public const string BaseCommand = "dotnet run -c Release --project bench/Orleans.Counters.Bench --";

    /// <summary>The command as typed, reconstructed from the arguments.</summary>
    public string Command => Arguments.Count == 0
        ? BaseCommand[..^3]
        : BaseCommand + " " + string.Join(' ', Arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));

    /// <summary>Reads the arguments; on a mistake returns false with the usage text.</summary>
    public static bool TryParse(string[] args, out BenchOptions options, out string usage)
    {
        usage = $"usage: {BaseCommand} [--quick] [--out DIR]   (DIR defaults to the repository's docs/)";
        var quick = false;
        string? outDirectory = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out" when i + 1 < args.Length:
                    outDirectory = args[++i];
                    break;
                default:
                    options = null!;
                    return false;
            }
        }

        var directory = outDirectory is null ? Path.Combine(RepositoryRoot.Path, "docs") : Path.GetFullPath(outDirectory);
        options = new BenchOptions(quick, directory, args);
        return true;
    }
}
