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
        VisibleTimeout = TimeSpan.FromMinutes(5),
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
        VisibleTimeout = TimeSpan.FromSeconds(60),
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

    /// <summary>Connections inserting at once in the PostgreSQL baseline.</summary>
    public int PostgresConnections { get; init; } = 8;

    /// <summary>How long accepted events may take to show in the year query before the scenario fails.</summary>
    public required TimeSpan VisibleTimeout { get; init; }
}
