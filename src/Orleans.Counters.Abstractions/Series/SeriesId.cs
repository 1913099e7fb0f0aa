namespace Orleans.Counters.Series;

/// <summary>
/// A series inside one account's counters: an event type, for one URL, for all of them
/// (<see cref="SeriesKey.AllUrls"/>), for one referrer (<see cref="Referrer"/>), or for the URLs or
/// referrers an hour had no room left for (<see cref="Overflow"/>). URLs are paths and start with
/// <c>/</c>, so the kinds never meet.
/// </summary>
[GenerateSerializer, Immutable, Alias("counters.series-id")]
public readonly record struct SeriesId([property: Id(0)] string Type, [property: Id(1)] string Url)
{
    /// <summary>
    /// The value of an overflow series: its URL (never a path) or its referrer. A referrer sent as this
    /// very text counts in the overflow series too.
    /// </summary>
    public const string Overflow = "(other)";

    private const string ReferrerPrefix = "referrer:";

    /// <summary>True for the series of one URL.</summary>
    public bool IsUrl => Url.StartsWith('/');

    /// <summary>True for the series of one referrer, and for the referrers' overflow series.</summary>
    public bool IsReferrer => Url.StartsWith(ReferrerPrefix, StringComparison.Ordinal);

    /// <summary>True for an overflow series: the URLs' or the referrers' of a type (see <see cref="OverflowOf"/>).</summary>
    public bool IsOverflow => Value == Overflow;

    /// <summary>True for a series counted per URL: one URL's, or the URLs' overflow series.</summary>
    public bool IsUrlOrOverflow => IsUrl || Url == Overflow;

    /// <summary>The referrer a referrer series counts; null for other series.</summary>
    public string? Referrer => IsReferrer ? Url[ReferrerPrefix.Length..] : null;

    /// <summary>What the series counts per value of its kind: its URL, or its referrer.</summary>
    public string Value => Referrer ?? Url;

    /// <summary>The series of an event type's events that came from <paramref name="referrer"/> (see <see cref="ReferrerSource"/>).</summary>
    public static SeriesId OfReferrer(string type, string referrer) => new(type, ReferrerPrefix + referrer);

    /// <summary>
    /// The series that counts the events of <paramref name="series"/>' type and kind (URL or referrer)
    /// whose own series an hour had no room for: <c>(other)</c>.
    /// </summary>
    public static SeriesId OverflowOf(SeriesId series) =>
        series.IsReferrer ? OfReferrer(series.Type, Overflow) : new SeriesId(series.Type, Overflow);
}
