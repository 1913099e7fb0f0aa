using System.Text;

namespace Orleans.Counters.Bench.Reporting;

/// <summary>Writes BENCHMARKS.md: machine, command, date, the table of figures with baselines and ratios, and how each was measured.</summary>
public static class MarkdownReport
{
    /// <summary>The whole page.</summary>
    public static string Render(BenchReport report)
    {
        var page = new StringBuilder();
        page.AppendLine("# Benchmarks").AppendLine();
        page.AppendLine(Invariant($"Written by the bench on {report.Started:yyyy-MM-dd HH:mm} UTC; the run took {report.Duration.TotalMinutes:0.0} min, builds included:"));
        page.AppendLine().AppendLine("```sh").AppendLine(report.Command).AppendLine("```").AppendLine();
        if (report.Quick)
        {
            page.AppendLine("> Quick run (`--quick`): every scenario briefly, as a smoke check. Its figures are not the ones to quote.").AppendLine();
        }

        page.AppendLine("## Machine").AppendLine().AppendLine("| | |").AppendLine("|---|---|");
        foreach (var (label, value) in report.Machine.All)
        {
            page.AppendLine($"| {label} | {Escape(value)} |");
        }

        page.AppendLine().AppendLine("## Targets").AppendLine();
        page.AppendLine("Issue 18's targets, and the older ones that still apply, against figures of this run (each figure in full below).").AppendLine();
        page.Append(TargetTable(report.Figures)).AppendLine();
        if (File.Exists(Path.Combine(report.Directory, AbFileName)))
        {
            page.AppendLine($"An A/B against an earlier commit, both measured back to back by `bench/ab.sh`: [{AbFileName}]({AbFileName}).").AppendLine();
        }

        page.AppendLine("## Figures").AppendLine();
        page.AppendLine("Every baseline runs in the same run on the same machine; ratio = value ÷ baseline value. For throughput higher is better, for latency lower.").AppendLine();
        page.Append(Table(report.Figures)).AppendLine();
        page.AppendLine("What the profile shows for each target not met, and what would close it: [PERFORMANCE.md](PERFORMANCE.md).").AppendLine();
        page.Append(RebuildSection(report.Figures)).AppendLine();

        page.AppendLine("## How each figure was measured").AppendLine();
        foreach (var (step, detail) in report.Log.Details)
        {
            page.AppendLine($"- **{step}**: {Escape(detail)}");
        }

        page.AppendLine().AppendLine("## Caveats").AppendLine();
        foreach (var note in MethodNotes.All)
        {
            page.AppendLine($"- {note}");
        }

        if (report.Log.Failures.Count > 0)
        {
            page.AppendLine().AppendLine("## Failed").AppendLine();
            foreach (var (step, message) in report.Log.Failures)
            {
                page.AppendLine($"- **{step}**: {Escape(message.Split('\n')[0])}");
            }
        }

        return page.ToString();
    }

    /// <summary>The file <c>bench/ab.sh</c> writes beside BENCHMARKS.md, linked from it when present.</summary>
    public const string AbFileName = "BENCHMARKS-AB.md";

    /// <summary>The figures that have a target: the target, the figure's value or ratio, and whether it is met.</summary>
    public static string TargetTable(IReadOnlyList<Figure> figures)
    {
        var table = new StringBuilder();
        table.AppendLine("| figure | against | measured | target | |");
        table.AppendLine("|---|---|---:|---|---|");
        foreach (var f in figures.Where(f => f.Target is not null))
        {
            var target = f.Target!;
            var measured = target.OnRatio
                ? f.Ratio is { } ratio ? Invariant($"{ratio:0.000} ×") : "—"
                : $"{Number(f.Value, f.Unit)} {f.Unit}";
            var against = target.OnRatio ? f.Baseline ?? "— (not measured)" : "—";
            table.AppendLine($"| {f.Name} | {against} | {measured} | {target} | {Verdict(target.IsMetBy(f))} |");
        }

        return table.ToString();
    }

    /// <summary>
    /// The time zone rebuild's figures under a heading of their own (anchor <c>time-zone-rebuild</c>, which the
    /// README links), with what they mean; they are in the table of figures too.
    /// </summary>
    public static string RebuildSection(IReadOnlyList<Figure> figures)
    {
        var section = new StringBuilder();
        section.AppendLine("## Time zone rebuild").AppendLine();
        section.AppendLine(
            "How long changing an account's time zone after its first event takes to rebuild its counted past (README, \"Time zones\"): " +
            "one account with N series-hours (URL and account-wide series, one event each), UTC → Asia/Kolkata, whose half-hour offset splits every " +
            "hour in two; timed from the PUT until `GET /api/accounts/{account}/settings` says `\"rebuilding\": false`. Seconds per million " +
            "series-hours are scaled linearly from N. A figure is reported only when periods of the new zone then read equal to the events.").AppendLine();
        var rebuild = figures.Where(f => f.Name.StartsWith(Scenarios.TimeZoneRebuildScenario.NamePrefix, StringComparison.Ordinal)).ToList();
        section.Append(rebuild.Count > 0 ? Table(rebuild) : "Not measured in this run.\n");
        return section.ToString();
    }

    /// <summary>The table of figures alone, also printed at the end of a run.</summary>
    public static string Table(IReadOnlyList<Figure> figures)
    {
        var table = new StringBuilder();
        table.AppendLine("| figure | value | unit | baseline | baseline value | ratio | target |");
        table.AppendLine("|---|---:|---|---|---:|---:|---|");
        foreach (var f in figures)
        {
            var target = f.Target is { } t && t.IsMetBy(f) is { } met ? $"{t}: {Verdict(met)}" : f.Target?.ToString() ?? "";
            table.AppendLine($"| {f.Name} | {Number(f.Value, f.Unit)} | {f.Unit} | {f.Baseline ?? "—"} | {(f.BaselineValue is { } b ? Number(b, f.Unit) : "—")} | {(f.Ratio is { } ratio ? Invariant($"{ratio:0.000}") : "—")} | {target} |");
        }

        return table.ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/>.</summary>
    public static Task WriteAsync(string path, BenchReport report, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Render(report), cancellationToken);

    private static string Verdict(bool? met) => met switch
    {
        true => "met",
        false => "**not met**",
        null => "no baseline",
    };

    private static string Number(double value, string unit) => Units.Format(value, unit);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
