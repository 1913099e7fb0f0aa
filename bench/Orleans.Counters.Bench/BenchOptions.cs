using System.Globalization;

namespace Orleans.Counters.Bench;

/// <summary>The command line of one bench run.</summary>
/// <param name="Quick">Run every scenario briefly: a smoke check, not figures to publish.</param>
/// <param name="OutDirectory">Where BENCHMARKS.md and benchmarks.json are written.</param>
/// <param name="Arguments">The arguments as given, to print the exact command in the report.</param>
/// <param name="Only">When not empty, only the measuring steps whose names contain one of these (any case) run.</param>
public sealed record BenchOptions(bool Quick, string OutDirectory, IReadOnlyList<string> Arguments, IReadOnlyList<string> Only)
{
    /// <summary>
    /// The folder of an earlier run (its benchmarks.json) to compare this one with in BENCHMARKS-AB.md;
    /// <c>bench/ab.sh</c> sets it.
    /// </summary>
    public string? CompareWith { get; init; }

    /// <summary>How the A/B page names the earlier run, such as its commit.</summary>
    public string? CompareLabel { get; init; }

    /// <summary>
    /// The background load's rate (events/s) in every mode, instead of a share of the batch rate measured in the
    /// run: to put a load found in one run on the steps of another.
    /// </summary>
    public double? BackgroundRate { get; init; }

    /// <summary>The command every report names; the arguments follow it.</summary>
    public const string BaseCommand = "dotnet run -c Release --project bench/Orleans.Counters.Bench --";

    /// <summary>The command as typed, reconstructed from the arguments.</summary>
    public string Command => Arguments.Count == 0
        ? BaseCommand[..^3]
        : BaseCommand + " " + string.Join(' ', Arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));

    /// <summary>True when the measuring step of this name is to run.</summary>
    public bool Includes(string step) => Only.Count == 0 || Only.Any(text => step.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the arguments; on a mistake returns false with the usage text.</summary>
    public static bool TryParse(string[] args, out BenchOptions options, out string usage)
    {
        usage = $"usage: {BaseCommand} [--quick] [--out DIR] [--only TEXT]... [--compare-with RUN_DIR [--compare-label TEXT]] [--background-rate EVENTS_PER_SECOND]\n"
            + "  DIR defaults to the repository's docs/, or with --only to a folder under the temp directory:\n"
            + "  a partial run must not overwrite the published figures.\n"
            + "  --only TEXT runs only the measuring steps whose names contain TEXT, e.g. --only \"Batch ingestion, durable\".\n"
            + "  --compare-with RUN_DIR also writes DIR/BENCHMARKS-AB.md: this run against RUN_DIR/benchmarks.json (bench/ab.sh uses it).\n"
            + "  --background-rate runs the background load under queries and freshness at this rate instead of half the batch rate.";
        var quick = false;
        string? outDirectory = null;
        var only = new List<string>();
        string? compareWith = null;
        string? compareLabel = null;
        double? backgroundRate = null;
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
                case "--only" when i + 1 < args.Length:
                    only.Add(args[++i]);
                    break;
                case "--compare-with" when i + 1 < args.Length:
                    compareWith = Path.GetFullPath(args[++i]);
                    break;
                case "--compare-label" when i + 1 < args.Length:
                    compareLabel = args[++i];
                    break;
                case "--background-rate" when i + 1 < args.Length
                    && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && double.IsFinite(rate) && rate > 0:
                    backgroundRate = rate;
                    i++;
                    break;
                default:
                    options = null!;
                    return false;
            }
        }

        var defaultDirectory = only.Count == 0 ? Path.Combine(RepositoryPaths.Root, "docs") : Path.Combine(Path.GetTempPath(), "orleans-counters-bench");
        var directory = outDirectory is null ? defaultDirectory : Path.GetFullPath(outDirectory);
        options = new BenchOptions(quick, directory, args, only) { CompareWith = compareWith, CompareLabel = compareLabel, BackgroundRate = backgroundRate };
        return true;
    }
}
