namespace Orleans.Counters.Gateway.Stats;

/// <summary>
/// The whole local days a <c>period</c> parameter names, as UTC instants: [<paramref name="Start"/>,
/// <paramref name="End"/>). Every name resolves to whole days of the account's time zone.
/// </summary>
/// <param name="Name">The period as it was asked for: <c>7d</c>, <c>2026-11</c>…</param>
/// <param name="Start">The first instant, UTC: a local midnight.</param>
/// <param name="End">The first instant after the range, UTC: a local midnight.</param>
/// <param name="Calendar">The day, month or year the range is, when it is one (not for <c>7d</c> and <c>30d</c>).</param>
public sealed record StatsRange(string Name, DateTime Start, DateTime End, Period? Calendar)
{
    /// <summary>The zone of the range's days; null for UTC.</summary>
    public string? Zone { get; init; }

    /// <summary>
    /// The interval a time series of this range has unless told: hours for a day, days for up to a
    /// month (<c>7d</c> and <c>30d</c> included), months for a year.
    /// </summary>
    public SeriesInterval DefaultInterval => Calendar?.Kind switch
    {
        PeriodKind.Day => SeriesInterval.Hour,
        PeriodKind.Year => SeriesInterval.Month,
        _ => SeriesInterval.Day,
    };

    /// <summary>The local days of the range, first to last.</summary>
    public IEnumerable<Period> Days()
    {
        for (var day = Period.Containing(PeriodKind.Day, Start, Zone); day.Start < End; day = Period.Containing(PeriodKind.Day, day.End, Zone))
        {
            yield return day;
        }
    }
}
