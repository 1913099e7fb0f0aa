namespace Orleans.Counters.Bench.Reporting;

/// <summary>
/// The issue's target for a figure: either its ratio to the baseline is at least a bound
/// (throughput against a baseline), or its value is at most a bound (latency, freshness, memory).
/// </summary>
/// <param name="Bound">The minimum ratio, or the maximum value in the figure's unit.</param>
/// <param name="OnRatio">True: the bound is a minimum ratio; false: a maximum value.</param>
/// <param name="Label">How the bound reads in the report, such as "≤ 5 ms".</param>
public sealed record Target(double Bound, bool OnRatio, string Label)
{
    /// <summary>At least <paramref name="ratio"/> × the same-run baseline; <paramref name="note"/>, such as a moonshot, follows in brackets.</summary>
    public static Target RatioAtLeast(double ratio, string? note = null) =>
        new(ratio, OnRatio: true, string.Create(CultureInfo.InvariantCulture, $"≥ {ratio:0.0#}{(note is null ? "" : $" ({note})")}"));

    /// <summary>At most <paramref name="value"/> in the figure's unit, written <paramref name="label"/> in the report.</summary>
    public static Target AtMost(double value, string label) => new(value, OnRatio: false, "≤ " + label);

    /// <summary>Whether the figure meets the target; null when a ratio target lacks its baseline.</summary>
    public bool? IsMetBy(Figure figure) => OnRatio
        ? figure.Ratio is { } ratio ? ratio >= Bound : null
        : figure.Value <= Bound;

    /// <inheritdoc />
    public override string ToString() => Label;
}
