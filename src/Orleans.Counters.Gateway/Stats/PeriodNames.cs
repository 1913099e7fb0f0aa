using System.Globalization;

namespace Orleans.Counters.Gateway.Stats;

/// <summary>
/// Reads the <c>period</c> parameter: a relative name (<c>today</c>, <c>yesterday</c>, <c>7d</c>,
/// <c>30d</c>, <c>month</c>, <c>year</c>) resolved against "now" in the account's time zone, or a calendar
/// day, month or year (<c>YYYY-MM-DD</c>, <c>YYYY-MM</c>, <c>YYYY</c>). <c>7d</c> and <c>30d</c> are the 7
/// and 30 whole local days before today, today left out, as Plausible counts them since 2025
/// (plausible/analytics#5240): a day still under way would make the last point look like a drop.
/// </summary>
public static class PeriodNames
{
    /// <summary>The local day under way.</summary>
    public const string Today = "today";

    /// <summary>The local day before today.</summary>
    public const string Yesterday = "yesterday";

    /// <summary>The 7 whole local days before today.</summary>
    public const string Last7Days = "7d";

    /// <summary>The 30 whole local days before today.</summary>
    public const string Last30Days = "30d";

    /// <summary>The local calendar month under way, all of it (its days still to come count zero).</summary>
    public const string ThisMonth = "month";

    /// <summary>The local calendar year under way, all of it.</summary>
    public const string ThisYear = "year";

    /// <summary>What a refused period is told.</summary>
    public const string Expected =
        $"must be {Today}, {Yesterday}, {Last7Days}, {Last30Days}, {ThisMonth}, {ThisYear}, or a day, month or year written YYYY-MM-DD, YYYY-MM or YYYY";

    /// <summary>
    /// The range <paramref name="text"/> names, in <paramref name="zone"/> (null: UTC), with relative names
    /// taken from <paramref name="now"/>; null when it names none.
    /// </summary>
    public static StatsRange? Resolve(string text, DateTime now, string? zone)
    {
        var today = Period.Containing(PeriodKind.Day, now, zone);
        var calendar = text switch
        {
            Today => today,
            Yesterday => Period.Containing(PeriodKind.Day, today.Start.AddTicks(-1), zone),
            ThisMonth => Period.Containing(PeriodKind.Month, now, zone),
            ThisYear => Period.Containing(PeriodKind.Year, now, zone),
            Last7Days or Last30Days => (Period?)null,
            _ => Calendar(text, zone),
        };
        if (calendar is { } period)
        {
            return new StatsRange(text, period.Start, period.End, period) { Zone = zone };
        }

        if (text is Last7Days or Last30Days)
        {
            var days = text == Last7Days ? 7 : 30;
            var first = today.Local.AddDays(-days);
            return new StatsRange(text, Period.Day(first.Year, first.Month, first.Day, zone).Start, today.Start, null) { Zone = zone };
        }

        return null;
    }

    /// <summary>A day, month or year written <c>YYYY-MM-DD</c>, <c>YYYY-MM</c> or <c>YYYY</c>, in the years the API answers for; null otherwise.</summary>
    public static Period? Calendar(string text, string? zone)
    {
        var parts = text.Split('-');
        if (parts.Length > 3)
        {
            return null;
        }

        var year = Part(parts[0], 4, StatsQuery.MinYear, StatsQuery.MaxYear);
        var month = year is not null && parts.Length >= 2 ? Part(parts[1], 2, 1, 12) : null;
        var day = month is not null && parts.Length == 3 ? Part(parts[2], 2, 1, DateTime.DaysInMonth(year!.Value, month.Value)) : null;
        return parts.Length switch
        {
            1 when year is { } y => Period.Year(y, zone),
            2 when month is { } m => Period.Month(year!.Value, m, zone),
            3 when day is { } d => Period.Day(year!.Value, month!.Value, d, zone),
            _ => null,
        };
    }

    private static int? Part(string text, int digits, int min, int max) =>
        text.Length == digits && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : null;
}
