namespace Orleans.Counters.Gateway.Stats;

/// <summary>
/// A period's counts: seed 000's shape plus account, url and total, with the bots' events, the sum of
/// values and the distinct users beside them. Year, month, day and hour are the account's local
/// calendar; the hour counts from local midnight.
/// </summary>
public sealed record TrackResponse(
    string Account,
    string Event,
    string Url,
    int Year,
    int? Month,
    int? Day,
    int? Hour,
    long Total,
    IReadOnlyDictionary<string, long> Data)
{
    /// <summary>The account's time zone: <c>UTC</c> or an IANA name.</summary>
    public string TimeZone { get; init; } = TimeZones.Utc;

    /// <summary>True while a change of the account's time zone is rebuilt: <see cref="TimeZone"/> is the former zone, whose periods answer until it is done.</summary>
    public bool Rebuilding { get; init; }

    /// <summary>The period's first instant, UTC.</summary>
    public DateTime Start { get; init; }

    /// <summary>The first instant after the period, UTC.</summary>
    public DateTime End { get; init; }

    /// <summary>The referrer's site the counts are narrowed to; null when they are not.</summary>
    public string? Referrer { get; init; }

    /// <summary>The property value the counts are narrowed to; null when they are not.</summary>
    public PropertyFilterResponse? Property { get; init; }

    /// <summary>The events whose user agent is a crawler's, not in <see cref="Total"/>; 0 for a referrer or property value, whose series count humans' events only.</summary>
    public long Bots { get; init; }

    /// <summary>The sum of the counted events' values.</summary>
    public decimal Sum { get; init; }

    /// <summary>The distinct users of the counted events.</summary>
    public long Uniques { get; init; }

    /// <summary>
    /// True when the uniques may count some users twice: the period begins before a change of the account's time
    /// zone whose hours did not line up with the former zone's, and users are kept per hour (README, "Time zones").
    /// </summary>
    public bool UniquesApproximate { get; init; }
}

/// <summary>One minute of the last hour.</summary>
public sealed record MinuteResponse(DateTime Minute, long Count);

/// <summary>The current minute, hour and day (of the account's time zone), and the last 60 minutes, oldest first.</summary>
public sealed record RealtimeResponse(
    string Account,
    string Event,
    string Url,
    DateTime Now,
    long Minute,
    long Hour,
    long Day,
    IReadOnlyList<MinuteResponse> LastHour)
{
    /// <summary>The account's time zone: <c>UTC</c> or an IANA name.</summary>
    public string TimeZone { get; init; } = TimeZones.Utc;

    /// <summary>True while a change of the account's time zone is rebuilt: <see cref="TimeZone"/> is the former zone, whose periods answer until it is done.</summary>
    public bool Rebuilding { get; init; }

    /// <summary>The distinct users of today's counted events.</summary>
    public long DayUniques { get; init; }

    /// <summary>
    /// True when the uniques may count some users twice: the period begins before a change of the account's time
    /// zone whose hours did not line up with the former zone's, and users are kept per hour (README, "Time zones").
    /// </summary>
    public bool UniquesApproximate { get; init; }
}

/// <summary>
/// Counts by event type over [from, to), with the bots' events, the sums of values and the distinct
/// users; uniques cover the whole hours the range touches.
/// </summary>
public sealed record SummaryResponse(string Account, DateTime From, DateTime To, IReadOnlyDictionary<string, long> Counts)
{
    /// <summary>The account's time zone, whose periods answered.</summary>
    public string TimeZone { get; init; } = TimeZones.Utc;

    /// <summary>True while a change of the account's time zone is rebuilt: <see cref="TimeZone"/> is the former zone, whose periods answer until it is done.</summary>
    public bool Rebuilding { get; init; }

    /// <summary>The URL the counts are narrowed to; <c>*</c> for every URL.</summary>
    public string Url { get; init; } = SeriesKey.AllUrls;

    /// <summary>The referrer's site the counts are narrowed to; null when they are not.</summary>
    public string? Referrer { get; init; }

    /// <summary>The property value the counts are narrowed to; null when they are not.</summary>
    public PropertyFilterResponse? Property { get; init; }

    /// <summary>The bots' events by type; null for a referrer or property value: bots' events count under none.</summary>
    public IReadOnlyDictionary<string, long>? Bots { get; init; } = new Dictionary<string, long>();

    /// <summary>The sums of values by type; null for a referrer, whose series count events only.</summary>
    public IReadOnlyDictionary<string, decimal>? Sums { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The distinct users by type; null for a referrer, whose series count events only.</summary>
    public IReadOnlyDictionary<string, long>? Uniques { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// True when the uniques may count some users twice: the period begins before a change of the account's time
    /// zone whose hours did not line up with the former zone's, and users are kept per hour (README, "Time zones").
    /// </summary>
    public bool UniquesApproximate { get; init; }
}

/// <summary>One of the largest values of a top list.</summary>
public sealed record TopItemResponse(string Value, long Count);

/// <summary>A property value counts are narrowed to (<c>prop:NAME=VALUE</c>).</summary>
public sealed record PropertyFilterResponse(string Name, string Value)
{
    /// <summary>The property value <paramref name="series"/> counts; null for other series.</summary>
    public static PropertyFilterResponse? Of(SeriesId series) => series.Property is { } name ? new(name, series.Value) : null;
}

/// <summary>The largest values of a dimension (url, referrer or prop:NAME) for an event type in a day, month or year, largest first.</summary>
public sealed record TopResponse(string Account, string Event, string By, string Period, long Total, int Distinct, IReadOnlyList<TopItemResponse> Items)
{
    /// <summary>The account's time zone, whose day, month or year is meant.</summary>
    public string TimeZone { get; init; } = TimeZones.Utc;

    /// <summary>True while a change of the account's time zone is rebuilt: <see cref="TimeZone"/> is the former zone, whose periods answer until it is done.</summary>
    public bool Rebuilding { get; init; }
}

/// <summary>One point of a time series: what was counted from <paramref name="Start"/> to the next point's start.</summary>
/// <param name="Start">The point's first instant, UTC.</param>
/// <param name="Count">The counted events.</param>
/// <param name="Uniques">The distinct users (an estimate past 2,048); null for a minute, which keeps no users of its own, and for a referrer.</param>
/// <param name="Sum">The sum of the events' values; null for a referrer, whose series counts events only.</param>
/// <param name="Bots">The crawlers' events, not in <paramref name="Count"/>; null for a referrer: bots' events count under none.</param>
public sealed record SeriesPointResponse(DateTime Start, long Count, long? Uniques, decimal? Sum, long? Bots);

/// <summary>A series' counts over a period, point by point at an interval, oldest first.</summary>
public sealed record TimeSeriesResponse(
    string Account,
    string Event,
    string Url,
    string Period,
    DateTime From,
    DateTime To,
    string Interval,
    IReadOnlyList<SeriesPointResponse> Points)
{
    /// <summary>The referrer's site the series is narrowed to; null when it is not.</summary>
    public string? Referrer { get; init; }

    /// <summary>The property value the series is narrowed to; null when it is not.</summary>
    public PropertyFilterResponse? Property { get; init; }

    /// <summary>The account's time zone, whose days, months and hours the points are.</summary>
    public string TimeZone { get; init; } = TimeZones.Utc;

    /// <summary>True while a change of the account's time zone is rebuilt: <see cref="TimeZone"/> is the former zone, whose periods answer until it is done.</summary>
    public bool Rebuilding { get; init; }

    /// <summary>
    /// True when the uniques may count some users twice: the period begins before a change of the account's time
    /// zone whose hours did not line up with the former zone's, and users are kept per hour (README, "Time zones").
    /// </summary>
    public bool UniquesApproximate { get; init; }
}
