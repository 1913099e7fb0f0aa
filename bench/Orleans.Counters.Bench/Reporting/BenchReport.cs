namespace Orleans.Counters.Bench.Reporting;

/// <summary>Everything one run reports.</summary>
/// <param name="Command">The exact command that produced it.</param>
/// <param name="Quick">Whether it was a quick smoke-check run.</param>
/// <param name="Started">When the run started (UTC).</param>
/// <param name="Duration">How long the whole run took, builds included.</param>
/// <param name="Machine">The machine and server software.</param>
/// <param name="Figures">The figures, baselines first.</param>
/// <param name="Log">How each figure was measured, and what failed.</param>
/// <param name="Directory">Where the report is written, beside which an A/B table may be.</param>
public sealed record BenchReport(
    string Command, bool Quick, DateTimeOffset Started, TimeSpan Duration, MachineFacts Machine, IReadOnlyList<Figure> Figures, RunLog Log, string Directory);
