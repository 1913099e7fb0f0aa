namespace Orleans.Counters.Events;

/// <summary>
/// The bounds an event must stay within. The gateway sets the two adjustable ones from its
/// <c>Counters:Limits</c> section (<c>IngestLimits</c>), the only options type bound to it.
/// </summary>
public sealed class EventLimits
{
    /// <summary>The longest account or type name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest URL path, after the query string and fragment are dropped.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>The longest user id.</summary>
    public const int MaxUserIdLength = 256;

    /// <summary>The longest user agent.</summary>
    public const int MaxUserAgentLength = 512;

    /// <summary>The largest value, either side of zero: sums are kept as decimals, exact to 15 significant digits per value.</summary>
    public const double MaxValue = 1e12;

    /// <summary>The longest idempotency key.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The most properties one event may carry.</summary>
    public const int MaxProperties = 32;

    /// <summary>The longest property name.</summary>
    public const int MaxPropertyNameLength = 64;

    /// <summary>The longest property value.</summary>
    public const int MaxPropertyValueLength = 1024;

    /// <summary>The default <see cref="MaxAge"/>: 400 days.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(400);

    /// <summary>The default <see cref="MaxFutureSkew"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultMaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>How far in the past a timestamp may lie. Default 400 days.</summary>
    public TimeSpan MaxAge { get; set; } = DefaultMaxAge;

    /// <summary>How far ahead of the server's clock a timestamp may lie. Default 5 minutes.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = DefaultMaxFutureSkew;

    /// <summary>
    /// When set, the oldest timestamp taken, in place of <see cref="MaxAge"/>: a history import takes
    /// any past date from this one on, however old.
    /// </summary>
    public DateTime? Earliest { get; set; }
}
