namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>How much one ingestion request may carry. Section <c>Counters:Limits</c>.</summary>
public sealed class IngestLimits
{
    /// <summary>The configuration section, shared with <see cref="EventLimits"/>.</summary>
    public const string Section = "Counters:Limits";

    /// <summary>The largest request body in bytes; larger ones get 413. Default 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The most events one request may carry; more get 413. Default 10,000.</summary>
    public int MaxEventsPerRequest { get; set; } = 10_000;
}
