namespace Orleans.Counters.Series;

/// <summary>
/// A series inside one account's counters: an event type, for one URL, for all of them
/// (<see cref="SeriesKey.AllUrls"/>), for one referrer (<see cref="Referrer"/>), for one value of one
/// property (<see cref="Property"/>), or for the URLs, referrers or values of a property an hour had no
/// room left for (<see cref="Overflow"/>). URLs are paths and start with <c>/</c>, so the kinds never meet.
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

    private const string PropertyPrefix = "prop:";

    // Between a property's name and its value: a control character, which no name can hold (EventText).
    private const char PropertySeparator = '\u001F';

    /// <summary>True for the series of one URL.</summary>
    public bool IsUrl => Url.StartsWith('/');

    /// <summary>True for the series of one referrer, and for the referrers' overflow series.</summary>
    public bool IsReferrer => Url.StartsWith(ReferrerPrefix, StringComparison.Ordinal);

    /// <summary>True for the series of one value of one property, and for a property's overflow series.</summary>
    public bool IsProperty => Url.StartsWith(PropertyPrefix, StringComparison.Ordinal);

    /// <summary>True for a referrer's or property value's series: they count humans' events only, without sums or users.</summary>
    public bool CountsEventsOnly => IsReferrer || IsProperty;

    /// <summary>True for an overflow series: the URLs', the referrers' or a property's of a type (see <see cref="OverflowOf"/>).</summary>
    public bool IsOverflow => Value == Overflow;

    /// <summary>True for a series counted per URL: one URL's, or the URLs' overflow series.</summary>
    public bool IsUrlOrOverflow => IsUrl || Url == Overflow;

    /// <summary>The referrer a referrer series counts; null for other series.</summary>
    public string? Referrer => IsReferrer ? Url[ReferrerPrefix.Length..] : null;

    /// <summary>The name of the property a property series counts a value of; null for other series.</summary>
    public string? Property => IsProperty ? Url[PropertyPrefix.Length..Url.IndexOf(PropertySeparator, StringComparison.Ordinal)] : null;

    /// <summary>What the series counts per value of its kind: its URL, its referrer, or its property's value.</summary>
    public string Value => Referrer ?? (IsProperty ? Url[(Url.IndexOf(PropertySeparator, StringComparison.Ordinal) + 1)..] : Url);

    /// <summary>What a top list ranks this series among: its URL, its referrer or its property (see <see cref="Grains.TopDimension"/>).</summary>
    public Grains.TopDimension Dimension =>
        IsReferrer ? Grains.TopDimension.Referrer : Property is { } name ? Grains.TopDimension.OfProperty(name) : Grains.TopDimension.Url;

    /// <summary>The series of an event type's events that came from <paramref name="referrer"/> (see <see cref="ReferrerSource"/>).</summary>
    public static SeriesId OfReferrer(string type, string referrer) => new(type, ReferrerPrefix + referrer);

    /// <summary>The series of an event type's events whose property <paramref name="name"/> is <paramref name="value"/>.</summary>
    public static SeriesId OfProperty(string type, string name, string value) => new(type, PropertyPrefix + name + PropertySeparator + value);

    /// <summary>
    /// The series that counts the events of <paramref name="series"/>' type and kind (URL, referrer, or
    /// values of one property) whose own series an hour had no room for: <c>(other)</c>.
    /// </summary>
    public static SeriesId OverflowOf(SeriesId series) =>
        series.IsReferrer ? OfReferrer(series.Type, Overflow)
        : series.Property is { } name ? OfProperty(series.Type, name, Overflow)
        : new SeriesId(series.Type, Overflow);
}
