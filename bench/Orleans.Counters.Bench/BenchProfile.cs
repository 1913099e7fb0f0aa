namespace Orleans.Counters.Bench;

/// <summary>How much load each scenario sends: the full run, or the quick smoke check.</summary>
public sealed record BenchProfile
{
    /// <summary>Figures to publish.</summary>
    public static BenchProfile Full { get; } = new()
    {
        Name = "full",
        BatchWarmupEvents = 50_000,
        BatchEvents = 500_000,
        SingleWarmup = TimeSpan.FromSeconds(5),
        SingleDuration = TimeSpan.FromSeconds(30),
        PostgresInsertEvents = 100_000,
        RedisToolRequests = 2_000_000,
        VisibleTimeout = TimeSpan.FromMinutes(5),
        QueryWarmup = TimeSpan.FromSeconds(5),
        QueryDuration = TimeSpan.FromSeconds(30),
        FreshnessDuration = TimeSpan.FromSeconds(60),
        HotWarmupEvents = 20_000,
        HotEvents = 100_000,
        SeriesScanEvents = 100_000,
        DurableSeriesScanEvents = 20_000,
        MemoryUrlsPerAccount = 100,
        MemoryHours = 1_000,
        RebuildUrls = 100,
        DurableRebuildUrls = 20,
        RebuildHours = 1_000,
        RebuildTimeout = TimeSpan.FromMinutes(15),
    };

    /// <summary>Every scenario briefly, so that the whole run stays under 3 minutes.</summary>
    public static BenchProfile Quick { get; } = new()
    {
        Name = "quick",
        BatchWarmupEvents = 20_000,
        BatchEvents = 30_000,
        SingleWarmup = TimeSpan.FromSeconds(2),
        SingleDuration = TimeSpan.FromSeconds(5),
        PostgresInsertEvents = 5_000,
        RedisToolRequests = 200_000,
        VisibleTimeout = TimeSpan.FromSeconds(60),
        QueryWarmup = TimeSpan.FromSeconds(1),
        QueryDuration = TimeSpan.FromSeconds(4),
        FreshnessDuration = TimeSpan.FromSeconds(6),
        HotWarmupEvents = 4_000,
        HotEvents = 10_000,
        SeriesScanEvents = 4_000,
        DurableSeriesScanEvents = 2_000,
        MemoryUrlsPerAccount = 50,
        MemoryHours = 100,
        RebuildUrls = 10,
        DurableRebuildUrls = 5,
        RebuildHours = 100,
        RebuildTimeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>"full" or "quick".</summary>
    public required string Name { get; init; }

    /// <summary>Events per request in the batch scenarios.</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary>Batch requests in flight at once.</summary>
    public int BatchConcurrency { get; init; } = 4;

    /// <summary>Events sent, and waited for, before the measured batch run: they activate the grains.</summary>
    public required int BatchWarmupEvents { get; init; }

    /// <summary>Events in the measured batch run; the Redis baseline counts as many.</summary>
    public required int BatchEvents { get; init; }

    /// <summary>Distinct accounts the generated events spread over.</summary>
    public int Accounts { get; init; } = 20;

    /// <summary>Distinct URLs per account the generated events spread over.</summary>
    public int UrlsPerAccount { get; init; } = 50;

    /// <summary>Connections of the single-event load, each with one request in flight.</summary>
    public int SingleConnections { get; init; } = 32;

    /// <summary>Single-event load sent before measuring.</summary>
    public required TimeSpan SingleWarmup { get; init; }

    /// <summary>How long the single-event load is measured.</summary>
    public required TimeSpan SingleDuration { get; init; }

    /// <summary>Events inserted by the PostgreSQL baseline.</summary>
    public required int PostgresInsertEvents { get; init; }

    /// <summary>HINCRBY commands redis-benchmark sends to each Redis server.</summary>
    public required int RedisToolRequests { get; init; }

    /// <summary>Connections inserting at once in the PostgreSQL baseline.</summary>
    public int PostgresConnections { get; init; } = 8;

    /// <summary>How long accepted events may take to show in the year query before the scenario fails.</summary>
    public required TimeSpan VisibleTimeout { get; init; }

    /// <summary>
    /// The share of the mode's measured batch ingestion rate that the background load runs at while
    /// queries or freshness are measured.
    /// </summary>
    public double BackgroundShare { get; init; } = 0.5;

    /// <summary>The background load's rate (events/s) when the mode's batch ingestion could not be measured.</summary>
    public double BackgroundFallbackRate { get; init; } = 2_000;

    /// <summary>When set, the background load's rate (events/s) in every mode, whatever the batch ingestion measured.</summary>
    public double? BackgroundRate { get; init; }

    /// <summary>Queries per second of each kind (day, realtime) while ingestion runs.</summary>
    public double QueriesPerSecond { get; init; } = 100;

    /// <summary>Connections the queries may use at once: enough that queries never wait for one.</summary>
    public int QueryConnections { get; init; } = 64;

    /// <summary>Queries sent under ingestion before measuring.</summary>
    public required TimeSpan QueryWarmup { get; init; }

    /// <summary>How long queries under ingestion are measured.</summary>
    public required TimeSpan QueryDuration { get; init; }

    /// <summary>Freshness samplers, each with its own account, each waiting for one event at a time.</summary>
    public int FreshnessSamplers { get; init; } = 4;

    /// <summary>How long freshness is sampled.</summary>
    public required TimeSpan FreshnessDuration { get; init; }

    /// <summary>Events sent, and waited for, before the hot-account comparison.</summary>
    public required int HotWarmupEvents { get; init; }

    /// <summary>Events in each of the two runs (even, hot) of the hot-account comparison.</summary>
    public required int HotEvents { get; init; }

    /// <summary>The numbers of distinct series the series-count scan steps through.</summary>
    public IReadOnlyList<int> SeriesCounts { get; init; } = [1, 100, 10_000, 1_000_000];

    /// <summary>Events per step of the series-count scan in default mode.</summary>
    public required int SeriesScanEvents { get; init; }

    /// <summary>
    /// Events per step of the series-count scan in durable mode, fewer: there every new series reads
    /// and writes its counters in PostgreSQL, and a step with more series than events is all new series.
    /// </summary>
    public required int DurableSeriesScanEvents { get; init; }

    /// <summary>Accounts of the memory scenario.</summary>
    public int MemoryAccounts { get; init; } = 10;

    /// <summary>URLs per account of the memory scenario.</summary>
    public required int MemoryUrlsPerAccount { get; init; }

    /// <summary>Hours back from now the memory scenario counts each series in.</summary>
    public required int MemoryHours { get; init; }

    /// <summary>URLs of the time zone rebuild's account in default mode: with <see cref="RebuildHours"/>, its series-hours.</summary>
    public required int RebuildUrls { get; init; }

    /// <summary>
    /// URLs of the time zone rebuild's account in durable mode, fewer: there every moved hour reads and writes
    /// its counters in PostgreSQL.
    /// </summary>
    public required int DurableRebuildUrls { get; init; }

    /// <summary>Hours back from now the time zone rebuild's account counts each URL in.</summary>
    public required int RebuildHours { get; init; }

    /// <summary>How long the time zone rebuild may take before the step fails.</summary>
    public required TimeSpan RebuildTimeout { get; init; }
}
