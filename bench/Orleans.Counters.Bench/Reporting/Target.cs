namespace Orleans.Counters.Bench.Reporting;

/// <summary>The target for a ratio: at least <paramref name="MinimumRatio"/> × the baseline.</summary>
public sealed record Target(double MinimumRatio)
{
    /// <summary>Whether a measured ratio meets the target.</summary>
    public bool IsMetBy(double ratio) => ratio >= MinimumRatio;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"≥ {MinimumRatio:0.0#}");
}
