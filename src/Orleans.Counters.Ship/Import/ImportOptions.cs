namespace Orleans.Counters.Ship.Import;

/// <summary>What <c>counters-ship import</c> was asked to do.</summary>
public sealed record ImportOptions
{
    /// <summary>The default <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 2_000;

    /// <summary>The gateway's limit of events per import request (<c>Counters:Import:MaxEventsPerRequest</c>).</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>The default <see cref="MaxBodyBytes"/>: half the gateway's 8 MiB, so a batch never meets the limit.</summary>
    public const int DefaultMaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The default <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>The file to import.</summary>
    public required string File { get; init; }

    /// <summary>How the file holds its events.</summary>
    public required ImportFormat Format { get; init; }

    /// <summary>The account every event is counted for.</summary>
    public required string Account { get; init; }

    /// <summary>The gateway; events go to its <c>POST /api/import</c>.</summary>
    public required Uri Gateway { get; init; }

    /// <summary>The account's import key (or the admin key); null for an open gateway.</summary>
    public string? Key { get; init; }

    /// <summary>Where acknowledged progress is kept, so that a second run goes on after it; null for none.</summary>
    public string? StateFile { get; init; }

    /// <summary>The most events in one request.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The largest request body.</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>The longest wait between two attempts at a batch, <c>Retry-After</c> included.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = DefaultMaxRetryDelay;

    /// <summary>False to draw no progress bar (it is drawn only on a terminal anyway).</summary>
    public bool Progress { get; init; } = true;
}
