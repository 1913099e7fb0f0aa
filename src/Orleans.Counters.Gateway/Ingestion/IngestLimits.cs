namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>
/// How much one ingestion request may carry, and how old or early its events may be. Section
/// <c>Counters:Limits</c>: the one options type bound to it; the event bounds reach
/// <see cref="EventValidator"/> as <see cref="Events"/>.
/// </summary>
public sealed class IngestLimits : ICountersOptions<IngestLimits>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Limits";

    /// <summary>The largest request body in bytes; larger ones get 413. Default 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The most events one request may carry; more get 413. Default 10,000.</summary>
    public int MaxEventsPerRequest { get; set; } = 10_000;

    /// <summary>How far in the past a timestamp may lie. Default 400 days.</summary>
    public TimeSpan MaxAge { get; set; } = EventLimits.DefaultMaxAge;

    /// <summary>How far ahead of the server's clock a timestamp may lie. Default 5 minutes.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = EventLimits.DefaultMaxFutureSkew;

    /// <summary>The bounds each event is checked against.</summary>
    public EventLimits Events => new() { MaxAge = MaxAge, MaxFutureSkew = MaxFutureSkew };

    static string ICountersOptions<IngestLimits>.Section => Section;
}
