namespace Orleans.Counters.Series;

/// <summary>
/// A series inside one account's counters: an event type, for one URL, for all of them
/// (<see cref="SeriesKey.AllUrls"/>), or for one referrer (<see cref="Referrer"/>). URLs are paths and
/// start with <c>/</c>, so the three kinds never meet.
/// </summary>
[GenerateSerializer, Immutable, Alias("counters.series-id")]
public readonly record struct SeriesId([property: Id(0)] string Type, [property: Id(1)] string Url)
{
    private const string ReferrerPrefix = "referrer:";

    /// <summary>True for the series of one URL.</summary>
    public bool IsUrl => Url.StartsWith('/');

    /// <summary>True for the series of one referrer.</summary>
    public bool IsReferrer => Url.StartsWith(ReferrerPrefix, StringComparison.Ordinal);

    /// <summary>The referrer a referrer series counts; null for other series.</summary>
    public string? Referrer => IsReferrer ? Url[ReferrerPrefix.Length..] : null;

    /// <summary>What the series counts per value of its kind: its URL, or its referrer.</summary>
    public string Value => Referrer ?? Url;

    /// <summary>The series of an event type's events that came from <paramref name="referrer"/> (see <see cref="ReferrerSource"/>).</summary>
    public static SeriesId OfReferrer(string type, string referrer) => new(type, ReferrerPrefix + referrer);
}
