namespace Orleans.Counters.Gateway.Ingestion.Import;

/// <summary>
/// How much one <c>POST /api/import</c> request may carry, and the oldest timestamp it takes. Section
/// <c>Counters:Import</c>. The newest timestamp is <c>Counters:Limits:MaxFutureSkew</c> ahead of the
/// server's clock, as for live events.
/// </summary>
public sealed class ImportLimits : ICountersOptions<ImportLimits>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Import";

    /// <summary>The default <see cref="Earliest"/>: 2000-01-01T00:00:00Z.</summary>
    public static readonly DateTime DefaultEarliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The largest request body in bytes; larger ones get 413. Default 8 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The most events one request may carry; more get 413. Default 10,000.</summary>
    public int MaxEventsPerRequest { get; set; } = 10_000;

    /// <summary>
    /// The oldest timestamp taken. Default 2000-01-01: earlier ones are far more often a unit mistake
    /// (seconds read as milliseconds, a zero date) than history.
    /// </summary>
    public DateTime Earliest { get; set; } = DefaultEarliest;

    static string ICountersOptions<ImportLimits>.Section => Section;

    static IValidateOptions<ImportLimits>? ICountersOptions<ImportLimits>.CreateValidator(string sectionPath) => new ImportLimitsValidator(sectionPath);
}
