namespace Orleans.Counters.Bench.Load;

/// <summary>How long an account's time zone rebuild took, from the PUT until the settings said it was done.</summary>
/// <param name="SeriesHours">The account's series-hours with counts (URL and account-wide series): what the rebuild moved.</param>
/// <param name="Elapsed">From the PUT of the new zone until a GET of the settings said <c>"rebuilding": false</c>.</param>
/// <param name="HoursMoved">The hour groups the rebuild moved, as its progress reported them.</param>
/// <param name="Detail">How it was measured, for the report.</param>
public sealed record RebuildOutcome(long SeriesHours, TimeSpan Elapsed, int HoursMoved, string Detail) : IOutcome
{
    /// <summary>Seconds the rebuild would take for a million series-hours, scaled linearly from <see cref="SeriesHours"/>.</summary>
    public double SecondsPerMillionSeriesHours => Elapsed.TotalSeconds * 1_000_000 / SeriesHours;

    /// <summary>Series-hours moved per second.</summary>
    public double SeriesHoursPerSecond => SeriesHours / Elapsed.TotalSeconds;

    /// <summary>Hour groups moved per second: what the rebuild's time goes with, more than with the series in them.</summary>
    public double HourGroupsPerSecond => HoursMoved / Elapsed.TotalSeconds;
}
