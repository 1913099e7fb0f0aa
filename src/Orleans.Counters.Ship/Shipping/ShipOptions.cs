namespace Orleans.Counters.Ship.Shipping;

/// <summary>Everything the tool is told on its command line; the defaults are the tool's.</summary>
public sealed record ShipOptions
{
    /// <summary>The default event type.</summary>
    public const string DefaultType = "pageview";

    /// <summary>The default batch size: half the gateway's default limit per request, which can be set lower.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>The largest batch size allowed.</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>The default queue bound, in events.</summary>
    public const int DefaultMaxPending = 100_000;

    /// <summary>The default largest body: the gateway's default limit.</summary>
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>The default <see cref="FlushInterval"/>.</summary>
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>The default <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="ShutdownGrace"/>.</summary>
    public static readonly TimeSpan DefaultShutdownGrace = TimeSpan.FromSeconds(10);

    /// <summary>The default <see cref="MaxAge"/>: the gateway's default.</summary>
    public static readonly TimeSpan DefaultMaxAge = new EventLimits().MaxAge;

    /// <summary>The default <see cref="ReportInterval"/>.</summary>
    public static readonly TimeSpan DefaultReportInterval = TimeSpan.FromSeconds(60);

    /// <summary>The default <see cref="PollInterval"/>.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The gateway's address, such as <c>http://127.0.0.1:5080</c>.</summary>
    public required Uri Gateway { get; init; }

    /// <summary>The account events are counted for.</summary>
    public required string Account { get; init; }

    /// <summary>The event type.</summary>
    public string Type { get; init; } = DefaultType;

    /// <summary>A file to follow; standard input when null.</summary>
    public string? File { get; init; }

    /// <summary>With <see cref="File"/>: where the read position is kept across restarts; none when null.</summary>
    public string? PositionFile { get; init; }

    /// <summary>The ingest key sent as <c>Authorization: Bearer</c>; none when null (a gateway in open mode).</summary>
    public string? Key { get; init; }

    /// <summary>Read the lines already in <see cref="File"/> at start-up, not only those appended later.</summary>
    public bool FromStart { get; init; }

    /// <summary>The user id salt; a random one per run when null.</summary>
    public string? Salt { get; init; }

    /// <summary>Count every status, not only 2xx and 3xx.</summary>
    public bool AllStatuses { get; init; }

    /// <summary>Count every method, not only GET.</summary>
    public bool AllMethods { get; init; }

    /// <summary>The most events in one request.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The longest an event waits for its batch to fill.</summary>
    public TimeSpan FlushInterval { get; init; } = DefaultFlushInterval;

    /// <summary>The most events held in memory; beyond it reading stops until the gateway takes some.</summary>
    public int MaxPending { get; init; } = DefaultMaxPending;

    /// <summary>The largest request body.</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>The longest wait between two attempts at a batch.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = DefaultMaxRetryDelay;

    /// <summary>After the input ends or a stop signal, how long pending events may take to be sent.</summary>
    public TimeSpan ShutdownGrace { get; init; } = DefaultShutdownGrace;

    /// <summary>The oldest event the gateway takes (its <c>Counters:Limits:MaxAge</c>); older lines are left out.</summary>
    public TimeSpan MaxAge { get; init; } = DefaultMaxAge;

    /// <summary>How often to report the counts while running.</summary>
    public TimeSpan ReportInterval { get; init; } = DefaultReportInterval;

    /// <summary>How often a followed file is looked at.</summary>
    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;
}
