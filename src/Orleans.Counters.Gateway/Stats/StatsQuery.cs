using System.Globalization;
using Orleans.Counters.Gateway.Problems;

namespace Orleans.Counters.Gateway.Stats;

/// <summary>Reads and checks the parts of a stats request, collecting a problem per bad part.</summary>
public sealed class StatsQuery
{
    /// <summary>The first year the API answers for.</summary>
    public const int MinYear = 1970;

    /// <summary>The last year the API answers for.</summary>
    public const int MaxYear = Period.MaxYear;

    private readonly List<FieldProblem> _problems = [];

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<FieldProblem> FieldProblems => _problems;

    /// <summary>True when every part read so far is valid.</summary>
    public bool IsValid => _problems.Count == 0;

    /// <summary>The series named by account, type and optional url; account may be <c>all</c>.</summary>
    public SeriesKey Series(string account, string? type, string? url)
    {
        if (account != SeriesKey.AllAccounts && !EventValidator.IsValidName(account))
        {
            Refuse("account", $"must be '{SeriesKey.AllAccounts}' or 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-'");
        }

        if (string.IsNullOrEmpty(type))
        {
            Refuse("type", "is required");
        }
        else if (!EventValidator.IsValidName(type) && type != SeriesId.Overflow)
        {
            // (other) is no name an event can have: the type past an account's cap on types counts as.
            Refuse("type", $"must be '{SeriesId.Overflow}' or 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-'");
        }

        var path = SeriesKey.AllUrls;
        if (!string.IsNullOrEmpty(url))
        {
            if (account == SeriesKey.AllAccounts)
            {
                Refuse("url", $"is not counted across accounts: ask one account, or '{SeriesKey.AllAccounts}' without url");
            }
            else if (UrlNormalizer.TryNormalize(url, out var normalized, out var reason))
            {
                path = normalized;
            }
            else
            {
                Refuse("url", reason);
            }
        }

        return new SeriesKey(account, type ?? string.Empty, path);
    }

    /// <summary>
    /// The period named by year and optional month, day and hour path parts, in the account's time zone
    /// (null: UTC). Hours count from local midnight: a daylight-saving day has 23 or 25.
    /// </summary>
    public Period? PeriodOf(string year, string? month, string? day, string? hour, string? zone)
    {
        var y = Number("year", year, MinYear, MaxYear);
        if (y is null || month is null)
        {
            return y is null ? null : Period.Year(y.Value, zone);
        }

        var m = Number("month", month, 1, 12);
        if (m is null || day is null)
        {
            return m is null ? null : Period.Month(y.Value, m.Value, zone);
        }

        var d = Number("day", day, 1, DateTime.DaysInMonth(y.Value, m.Value));
        if (d is null || hour is null)
        {
            return d is null ? null : Period.Day(y.Value, m.Value, d.Value, zone);
        }

        var whole = Period.Day(y.Value, m.Value, d.Value, zone);
        var h = Number("hour", hour, 0, whole.SegmentCount - 1);
        return h is null ? null : whole.Child(h.Value);
    }

    /// <summary>
    /// A day, month or year written <c>YYYY-MM-DD</c>, <c>YYYY-MM</c> or <c>YYYY</c>, in the account's time
    /// zone (null: UTC); when absent, the day that contains <paramref name="now"/> there.
    /// </summary>
    public Period? DayMonthOrYear(string field, string? text, DateTime now, string? zone)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Period.Containing(PeriodKind.Day, now, zone);
        }

        var parts = text.Split('-');
        var year = parts.Length <= 3 ? ParsePart(parts[0], 4, MinYear, MaxYear) : null;
        var month = year is not null && parts.Length >= 2 ? ParsePart(parts[1], 2, 1, 12) : null;
        var valid = year is not null
            && (parts.Length < 2 || month is not null)
            && (parts.Length < 3 || ParsePart(parts[2], 2, 1, DateTime.DaysInMonth(year.Value, month!.Value)) is not null);
        if (valid)
        {
            return parts.Length switch
            {
                1 => Period.Year(year!.Value, zone),
                2 => Period.Month(year!.Value, month!.Value, zone),
                _ => Period.Day(year!.Value, month!.Value, int.Parse(parts[2], CultureInfo.InvariantCulture), zone),
            };
        }

        Refuse(field, $"must be a day, month or year written YYYY-MM-DD, YYYY-MM or YYYY, in the years {MinYear}–{MaxYear}");
        return null;
    }

    /// <summary>A required day written <c>YYYY-MM-DD</c>.</summary>
    public Period? RequiredDay(string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            Refuse(field, "is required (YYYY-MM-DD)");
            return null;
        }

        var parts = text.Split('-');
        var year = parts.Length == 3 ? ParsePart(parts[0], 4, MinYear, MaxYear) : null;
        var month = year is null ? null : ParsePart(parts[1], 2, 1, 12);
        var day = month is null ? null : ParsePart(parts[2], 2, 1, DateTime.DaysInMonth(year!.Value, month.Value));
        if (day is not null)
        {
            return Period.Day(year!.Value, month!.Value, day.Value);
        }

        Refuse(field, $"must be a day written YYYY-MM-DD, in the years {MinYear}–{MaxYear}");
        return null;
    }

    /// <summary>A whole number in a range, read from a query parameter; <paramref name="fallback"/> when absent.</summary>
    public int Count(string field, string? text, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return Number(field, text, min, max) ?? fallback;
    }

    /// <summary>A required ISO-8601 instant inside the years the API answers for.</summary>
    public DateTime Instant(string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            Refuse(field, "is required (ISO-8601, e.g. 2026-11-23T14:00:00Z)");
        }
        else if (!IsoTimestamp.TryParse(text, out var instant))
        {
            Refuse(field, "must be an ISO-8601 date or date-time such as 2026-11-23T14:00:00Z");
        }
        else if (instant.UtcDateTime.Year is < MinYear or > MaxYear)
        {
            Refuse(field, $"must lie in the years {MinYear}–{MaxYear}");
        }
        else
        {
            return instant.UtcDateTime;
        }

        return default;
    }

    /// <summary>Records a problem with one part.</summary>
    public void Refuse(string field, string reason) => _problems.Add(new FieldProblem(field, reason));

    private static int? ParsePart(string text, int digits, int min, int max) =>
        text.Length == digits && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : null;

    private int? Number(string field, string text, int min, int max)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Refuse(field, $"must be a number from {min} to {max}");
        return null;
    }
}
