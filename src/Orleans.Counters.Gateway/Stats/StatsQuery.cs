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
    /// The series named by account, type and at most one filter: a URL (its series), a referrer (the series of
    /// the events that came from a site, see <see cref="ReferrerSource"/>) or a property's value (the series of
    /// the events that carried it). Counts are kept per one of these at a time, so two filters together could
    /// only be answered by a guess: the second is refused.
    /// </summary>
    public SeriesKey Series(string account, string? type, SeriesFilter filter)
    {
        var series = Series(account, type, filter.Url);
        string? applied = string.IsNullOrEmpty(filter.Url) ? null : "url";
        if (filter.Referrer is not null && Combinable("referrer", ref applied, account))
        {
            series = Referrer(series, filter.Referrer);
        }

        foreach (var (name, values) in filter.Properties)
        {
            var field = QueryParameters.PropertyPrefix + name;
            if (Combinable(field, ref applied, account))
            {
                series = Property(series, field, name, values);
            }
        }

        return series;
    }

    // True when the filter named field may apply: it is the first, and the account is not all.
    private bool Combinable(string field, ref string? applied, string account)
    {
        if (applied is not null)
        {
            Refuse(field, $"cannot be combined with {applied}: counts are kept per URL, per referrer and per property value, each alone, never for two together, so both at once cannot be answered exactly");
            return false;
        }

        applied = field;
        if (account == SeriesKey.AllAccounts)
        {
            Refuse(field, $"is not counted across accounts: ask one account, or '{SeriesKey.AllAccounts}' without {field}");
            return false;
        }

        return true;
    }

    private SeriesKey Referrer(SeriesKey series, string referrer)
    {
        if (referrer.Length > EventLimits.MaxPropertyValueLength || EventText.Problem(referrer) is not null)
        {
            Refuse("referrer", $"must be a site or URL of at most {EventLimits.MaxPropertyValueLength} characters, without control characters");
        }
        else if (ReferrerSource.Of(referrer) is { } source)
        {
            return series with { Url = SeriesId.OfReferrer(series.Type, source).Url };
        }
        else
        {
            Refuse("referrer", "must name a site, such as google.com");
        }

        return series;
    }

    private SeriesKey Property(SeriesKey series, string field, string name, string?[] values)
    {
        if (!PropertyName(field, name))
        {
            return series;
        }

        if (values is not [{ } value])
        {
            Refuse(field, "must be given once, with one value");
        }
        else if (PropertyBreakdown.ValueOf(value) is not { } counted || counted.Length > EventLimits.MaxPropertyValueLength || EventText.Problem(counted) is not null)
        {
            Refuse(field, $"must be a value of 1–{EventLimits.MaxPropertyValueLength} characters, not only white space, without control characters");
        }
        else
        {
            return series with { Url = SeriesId.OfProperty(series.Type, name, counted).Url };
        }

        return series;
    }

    /// <summary>
    /// True when <paramref name="name"/> can be a property counts are broken down by; otherwise records why not
    /// under <paramref name="field"/>. Whether the account tracks it is <see cref="PropertyTracking"/>'s to say.
    /// </summary>
    public bool PropertyName(string field, string name)
    {
        if (name == CounterEvent.ReferrerProperty)
        {
            Refuse(field, "the referrer is counted by its site, apart from other properties: use referrer= or by=referrer");
        }
        else if (name.Length is 0 or > EventLimits.MaxPropertyNameLength || EventText.Problem(name) is not null || !PropertyBreakdown.IsBreakable(name))
        {
            Refuse(field, $"must name a property: 1–{EventLimits.MaxPropertyNameLength} characters, without control characters, not '{SeriesId.Overflow}'");
        }
        else
        {
            return true;
        }

        return false;
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
    /// The range a <c>period</c> parameter names (see <see cref="PeriodNames"/>), in the account's time zone
    /// (null: UTC), relative names taken from <paramref name="now"/>; today when absent.
    /// </summary>
    public StatsRange? Range(string field, string? text, DateTime now, string? zone)
    {
        var range = PeriodNames.Resolve(string.IsNullOrEmpty(text) ? PeriodNames.Today : text, now, zone);
        if (range is null)
        {
            Refuse(field, $"{PeriodNames.Expected}, in the years {MinYear}–{MaxYear}");
        }

        return range;
    }

    /// <summary>
    /// A day, month or year named by a <c>period</c> parameter (relative or written <c>YYYY-MM-DD</c>,
    /// <c>YYYY-MM</c>, <c>YYYY</c>), in the account's time zone (null: UTC); today when absent. <c>7d</c> and
    /// <c>30d</c> are refused: they are no period that keeps counters of its own.
    /// </summary>
    public Period? DayMonthOrYear(string field, string? text, DateTime now, string? zone)
    {
        var range = Range(field, text, now, zone);
        if (range is not null && range.Calendar is null)
        {
            Refuse(field, $"'{text}' spans several days, and lists are kept per day, month and year: ask {PeriodNames.Yesterday}, {PeriodNames.ThisMonth} or a calendar period");
        }

        return range?.Calendar;
    }

    /// <summary>A time series' interval: <c>minute</c>, <c>hour</c>, <c>day</c> or <c>month</c>; <paramref name="fallback"/> when absent.</summary>
    public SeriesInterval Interval(string field, string? text, SeriesInterval fallback)
    {
        switch (text)
        {
            case null or "":
                return fallback;
            case "minute":
                return SeriesInterval.Minute;
            case "hour":
                return SeriesInterval.Hour;
            case "day":
                return SeriesInterval.Day;
            case "month":
                return SeriesInterval.Month;
            default:
                Refuse(field, "must be minute, hour, day or month");
                return fallback;
        }
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
