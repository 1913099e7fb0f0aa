using System.Text.Json.Serialization;

namespace Orleans.Counters.Bench.Reporting;

/// <summary>One figure of the report; its JSON form is the issue's {name, value, unit, baseline, baselineValue, ratio}.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Unit">One of <see cref="Units"/>.</param>
/// <param name="Baseline">The name of the baseline figure it is compared with, if any.</param>
/// <param name="BaselineValue">That baseline's value in the same run.</param>
/// <param name="Ratio">Value ÷ baseline value.</param>
public sealed record Figure(string Name, double Value, string Unit, string? Baseline, double? BaselineValue, double? Ratio)
{
    /// <summary>The target for the figure, when it sets one (reported in Markdown only).</summary>
    [JsonIgnore]
    public Target? Target { get; init; }
}
