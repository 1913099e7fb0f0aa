using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orleans.Counters.Bench.Reporting;

/// <summary>
/// The A/B page (<see cref="MarkdownReport.AbFileName"/>): every figure two runs both have, its value before
/// and after, after ÷ before, and its ratio to its own same-run baseline in each run, which the machine's
/// load moves less than the raw value. Figures renamed since the earlier run are matched by their new name.
/// </summary>
public static partial class AbTable
{
    /// <summary>Renames of figures since issue 18, applied to an earlier run's names that the later run lacks.</summary>
    private static readonly (Regex Old, string New)[] Renames =
    [
        (DurableWithoutFsync(), "durable PostgreSQL mode (fsync=off)"),
        (SeedZeroWithoutPersistence(), "Redis: 8 HINCRBY per event, pipelined (seed 000), without persistence"),
    ];

    /// <summary>Reads the figures of a run from the benchmarks.json it wrote.</summary>
    public static async Task<IReadOnlyList<Figure>> ReadAsync(string benchmarksJson, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(benchmarksJson);
        return await JsonSerializer.DeserializeAsync<List<Figure>>(file, new JsonSerializerOptions(JsonSerializerDefaults.Web), cancellationToken)
            ?? throw new InvalidOperationException($"{benchmarksJson} holds no figures");
    }

    /// <summary>The name a figure of an earlier run has now, given the names of the later run.</summary>
    public static string CurrentName(string name, IReadOnlySet<string> current)
    {
        if (current.Contains(name))
        {
            return name;
        }

        foreach (var (old, renamed) in Renames)
        {
            name = old.Replace(name, renamed);
        }

        return name;
    }

    /// <summary>The page: a heading naming both runs, then the table in the later run's order.</summary>
    public static string Render(IReadOnlyList<Figure> before, IReadOnlyList<Figure> after, string beforeLabel, string afterLabel, DateTimeOffset written)
    {
        var names = after.Select(f => f.Name).ToHashSet();
        var earlier = new Dictionary<string, Figure>();
        foreach (var figure in before)
        {
            earlier.TryAdd(CurrentName(figure.Name, names), figure);
        }

        var page = new StringBuilder();
        page.AppendLine("# Benchmarks: A/B").AppendLine();
        page.AppendLine(Invariant($"Written by `bench/ab.sh` on {written:yyyy-MM-dd HH:mm} UTC: the same bench command on **before** ({beforeLabel}) and **after** ({afterLabel}), back to back on this machine."));
        page.AppendLine("Only the figures both runs have. For throughput higher is better, for latency and memory lower. Each run's ratio to its own same-run baseline moves less with the machine's load than the raw values do.").AppendLine();
        page.AppendLine("| figure | unit | before | after | after ÷ before | vs baseline, before | vs baseline, after |");
        page.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var now in after)
        {
            if (!earlier.TryGetValue(now.Name, out var then))
            {
                continue;
            }

            var change = then.Value > 0 ? Invariant($"{now.Value / then.Value:0.000}") : "—";
            page.AppendLine($"| {now.Name} | {now.Unit} | {Number(then.Value, now.Unit)} | {Number(now.Value, now.Unit)} | {change} | {Ratio(then.Ratio)} | {Ratio(now.Ratio)} |");
        }

        var missing = after.Count(f => !earlier.ContainsKey(f.Name));
        if (missing > 0)
        {
            page.AppendLine().AppendLine(Invariant($"{missing} figures of the after run have no counterpart before (new, or failed there): see BENCHMARKS.md."));
        }

        return page.ToString();
    }

    private static string Ratio(double? ratio) => ratio is { } r ? Invariant($"{r:0.000}") : "—";

    private static string Number(double value, string unit) => Units.Format(value, unit);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"durable PostgreSQL mode(?! \(fsync=)")]
    private static partial Regex DurableWithoutFsync();

    [GeneratedRegex(@"^Redis: 8 HINCRBY per event, pipelined \(seed 000\)$")]
    private static partial Regex SeedZeroWithoutPersistence();
}
