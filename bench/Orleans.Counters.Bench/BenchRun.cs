using Orleans.Counters.Bench.Baselines;
using Orleans.Counters.Bench.Scenarios;

namespace Orleans.Counters.Bench;

/// <summary>
/// One bench run: builds our hosts in Release, runs the baselines and our scenarios one at a time
/// (each server stopped before the next starts), and writes BENCHMARKS.md and benchmarks.json.
/// </summary>
public static class BenchRun
{
    private const string KestrelPost = "Bare Kestrel: single-event POST";
    private const string PostgresInsert = "PostgreSQL: one INSERT per event (seed 001)";
    private const string DefaultMode = "default mode";
    private const string DurableMode = "durable PostgreSQL mode (fsync=off)";
    private const string DurableFsyncMode = "durable PostgreSQL mode (fsync=on)";
    private const string PinnedMode = DurableMode + ", " + CorePlacement.Label;
    private static readonly Target DurableBatchTarget = Target.RatioAtLeast(1.0, "moonshot 2.0");
    private static readonly Target DurableFsyncBatchTarget = Target.RatioAtLeast(2.0);
    private static readonly Target SinglePostTarget = Target.RatioAtLeast(0.5);
    private static readonly Target QueryP99Target = Target.AtMost(5, "5 ms");
    private static readonly Target FreshnessP99Target = Target.AtMost(1_000, "1 s");
    private static readonly Target MemoryTarget = Target.AtMost(2_048, "2 KiB");
    private static readonly Target HotAccountTarget = Target.RatioAtLeast(0.7);
    private static readonly Target RichBatchTarget = Target.RatioAtLeast(0.8);

    /// <summary>The name of the seed 000 baseline against a server with <paramref name="persistence"/>.</summary>
    public static string RedisCounting(RedisPersistence persistence) => $"Redis: 8 HINCRBY per event, pipelined (seed 000), {persistence}";

    /// <summary>The name of redis-benchmark's figure against a server with <paramref name="persistence"/>.</summary>
    public static string RedisTool(RedisPersistence persistence) => $"Redis: redis-benchmark -P 64 HINCRBY, {persistence}";

    /// <summary>Runs everything; returns the exit code (1 when a step failed, the reports are written anyway).</summary>
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var wall = Stopwatch.StartNew();
        var profile = options.Quick ? BenchProfile.Quick : BenchProfile.Full;
        Progress.Info($"{profile.Name} run; reports go to {options.OutDirectory}");
        Directory.CreateDirectory(options.OutDirectory);

        var machine = await MachineFacts.CollectAsync(cancellationToken);
        var placement = CorePlacement.OnThisMachine(out var unpinnable);
        machine.Add("placement", placement is null
            ? $"{CorePlacement.SharedLabel} (the load generator, our processes, the servers); no \"{CorePlacement.Label}\" figures: {unpinnable}"
            : $"{CorePlacement.SharedLabel} (the load generator, our processes, the servers), except figures labelled \"{CorePlacement.Label}\": " +
              $"PostgreSQL on core {placement.PostgresCores}, everything else on {placement.OtherCores}");
        var log = new RunLog(options.Includes, cancellationToken);
        var measured = new Measurements();

        // A failed build (say, src/ in the middle of an edit) still leaves the baselines to measure.
        HostBinaries? built = null;
        await log.RunAsync("build the gateway and the silo in Release", async () => built = await HostBinaries.BuildAsync(cancellationToken));
        HostBinaries Binaries() => built ?? throw new InvalidOperationException("the gateway and the silo did not build");

        measured.KestrelPost = await log.MeasureAsync(KestrelPost, async () =>
        {
            await using var server = await BareKestrelHost.StartAsync(cancellationToken);
            return await SingleEventPostScenario.RunAsync(server.BaseAddress, profile, cancellationToken);
        });

        foreach (var persistence in RedisPersistence.All)
        {
            if (!log.Includes(RedisCounting(persistence)) && !log.Includes(RedisTool(persistence)))
            {
                continue;
            }

            await log.RunAsync($"Redis server, {persistence}", async () =>
            {
                await using var server = await RedisServer.StartAsync(persistence, cancellationToken);
                if (persistence == RedisPersistence.None)
                {
                    machine.Add("Redis", server.Version);
                }

                measured.Redis[persistence] = await log.MeasureAsync(RedisCounting(persistence), () => RedisHincrbyBaseline.RunAsync(
                    server, persistence, BatchIngestionScenario.WarmupEvents(profile), BatchIngestionScenario.MeasuredEvents(profile), profile, cancellationToken));
                if (RedisServer.BenchmarkTool is not null)
                {
                    measured.RedisTool[persistence] = await log.MeasureAsync(RedisTool(persistence),
                        () => RedisBenchmarkTool.RunAsync(server, persistence, profile.RedisToolRequests, cancellationToken));
                }
            });
        }

        await log.RunAsync("default mode (one gateway process with its silo)", async () =>
        {
            await using var gateway = await CountersHosts.StartDefaultAsync(Binaries(), cancellationToken);
            await RunModeAsync(log, gateway.BaseAddress, DefaultMode, measured.Default, profile.SeriesScanEvents, profile, cancellationToken);
        });

        measured.Memory = await log.MeasureAsync($"Memory per active series-hour, {DefaultMode} (a gateway of its own)",
            () => MemoryPerSeriesHourScenario.RunAsync(Binaries(), profile, cancellationToken));

        await log.RunAsync("PostgreSQL server (fsync=off)", async () =>
        {
            await using var postgres = await BenchPostgres.StartAsync(fsync: false);
            machine.Add("PostgreSQL", await postgres.DescribeAsync(cancellationToken) + " (scripts/postgres-server.sh)");
            measured.PostgresInsert = await log.MeasureAsync(PostgresInsert, () => PostgresInsertBaseline.RunAsync(
                postgres.ConnectionString, EventFactory.Create(profile.PostgresInsertEvents, BatchIngestionScenario.EventType, profile, seed: 3), profile, cancellationToken));

            await log.RunAsync("durable PostgreSQL mode, fsync=off (silo process + gateway process)", async () =>
            {
                await using var cluster = await CountersHosts.StartDurableAsync(Binaries(), postgres.ConnectionString, cancellationToken);
                await RunModeAsync(log, cluster.BaseAddress, DurableMode, measured.Durable, profile.DurableSeriesScanEvents, profile, cancellationToken);
            });

            if (placement is not null && PinnedSteps().Any(log.Includes))
            {
                await log.RunAsync($"durable PostgreSQL mode, fsync=off, {CorePlacement.Label}", async () =>
                {
                    var database = await postgres.CreateDatabaseAsync("counters_pinned", cancellationToken);
                    await using var pinned = await PinnedApart.StartAsync(placement, postgres, cancellationToken);
                    await using var cluster = await CountersHosts.StartDurableAsync(Binaries(), database, cancellationToken, placement.OtherCores);
                    await RunPinnedAsync(log, cluster.BaseAddress, measured.Pinned, () => measured.Durable.Batch ?? measured.Pinned.Batch, profile, cancellationToken);
                });
            }
        });

        if (FsyncSteps.Any(log.Includes))
        {
            await log.RunAsync("PostgreSQL server (fsync=on)", async () =>
            {
                await using var postgres = await BenchPostgres.StartAsync(fsync: true);
                machine.Add("PostgreSQL (fsync=on)", await postgres.DescribeAsync(cancellationToken) + " (scripts/postgres-server.sh, POSTGRES_FSYNC=on)");
                await log.RunAsync("durable PostgreSQL mode, fsync=on (silo process + gateway process)", async () =>
                {
                    await using var cluster = await CountersHosts.StartDurableAsync(Binaries(), postgres.ConnectionString, cancellationToken);
                    var m = measured.DurableFsync;
                    m.Batch = await log.MeasureAsync($"Batch ingestion, {DurableFsyncMode}", () => BatchIngestionScenario.RunAsync(cluster.BaseAddress, profile, cancellationToken));
                    m.Post = await log.MeasureAsync($"Single-event POST, {DurableFsyncMode}", () => SingleEventPostScenario.RunAsync(cluster.BaseAddress, profile, cancellationToken));
                });
            });
        }

        machine.AddLoadAverage("at the end");
        var figures = Figures(measured);
        var report = new BenchReport(options.Command, options.Quick, started, wall.Elapsed, machine, figures.All, log, options.OutDirectory);
        var markdown = Path.Combine(options.OutDirectory, "BENCHMARKS.md");
        var json = Path.Combine(options.OutDirectory, "benchmarks.json");
        if (options.CompareWith is { } earlier)
        {
            // Before BENCHMARKS.md, which links the A/B page when it is there.
            await log.RunAsync($"compare with {earlier}", async () =>
            {
                var before = await AbTable.ReadAsync(Path.Combine(earlier, "benchmarks.json"), cancellationToken);
                var page = AbTable.Render(before, figures.All, options.CompareLabel ?? earlier, machine.Code, DateTimeOffset.UtcNow);
                await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, MarkdownReport.AbFileName), page, cancellationToken);
            });
        }

        await MarkdownReport.WriteAsync(markdown, report, cancellationToken);
        await JsonReport.WriteAsync(json, figures.All, cancellationToken);

        Console.WriteLine();
        Console.Write(MarkdownReport.Table(figures.All));
        Console.WriteLine();
        Progress.Info($"wrote {markdown} and {json} after {wall.Elapsed.TotalSeconds:0} s");
        foreach (var (step, message) in log.Failures)
        {
            Progress.Error($"FAILED {step}: {message.Split('\n')[0]}");
        }

        return log.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Our scenarios against one freshly started deployment, in an order that keeps each from disturbing
    /// the next: freshness in the first minute after the start comes first, the series-count scan, which
    /// leaves the most counters active, last.
    /// </summary>
    private static async Task RunModeAsync(
        RunLog log, Uri gateway, string mode, ModeMeasurements m, int seriesScanEvents, BenchProfile profile, CancellationToken cancellationToken)
    {
        // Before the batch step has measured the mode's rate: the background runs at the fallback rate.
        m.FirstMinuteFreshness = await log.MeasureAsync($"Freshness in the first minute after start, {mode}", () => FreshnessScenario.RunAsync(
            gateway, profile.BackgroundFallbackRate, profile, FreshnessScenario.FirstMinute(profile), recordFirst: true, cancellationToken));
        m.Batch = await log.MeasureAsync($"Batch ingestion, {mode}", () => BatchIngestionScenario.RunAsync(gateway, profile, cancellationToken));
        m.Rich = await log.MeasureAsync(RichBatchScenario.Name(mode), () => RichBatchScenario.RunAsync(gateway, profile, cancellationToken));
        m.Post = await log.MeasureAsync($"Single-event POST, {mode}", () => SingleEventPostScenario.RunAsync(gateway, profile, cancellationToken));
        var background = BackgroundIngestion.RateFor(m.Batch, profile);
        m.Query = await log.MeasureAsync($"Queries under ingestion, {mode}",
            () => QueryUnderIngestionScenario.RunAsync(gateway, background, profile, cancellationToken));
        m.Freshness = await log.MeasureAsync($"Freshness, {mode}", () => FreshnessScenario.RunAsync(gateway, background, profile, cancellationToken));
        m.Hot = await log.MeasureAsync($"Hot account, {mode}", () => HotAccountScenario.RunAsync(gateway, profile, cancellationToken));
        foreach (var series in profile.SeriesCounts)
        {
            m.SeriesScan[series] = await log.MeasureAsync(SeriesCountScenario.Name(series, mode),
                () => SeriesCountScenario.RunAsync(gateway, series, seriesScanEvents, profile, cancellationToken));
        }
    }

    /// <summary>
    /// The durable batch ingestion and the queries under it again, with PostgreSQL pinned apart. The queries
    /// run under the same background rate as with everything on the same cores (half of that placement's
    /// batch rate, when it was measured), so that the two differ in placement only.
    /// </summary>
    private static async Task RunPinnedAsync(
        RunLog log, Uri gateway, ModeMeasurements m, Func<ThroughputOutcome?> backgroundBasis, BenchProfile profile, CancellationToken cancellationToken)
    {
        var steps = PinnedSteps().ToList();
        m.Batch = await log.MeasureAsync(steps[0], () => BatchIngestionScenario.RunAsync(gateway, profile, cancellationToken));
        var background = BackgroundIngestion.RateFor(backgroundBasis(), profile);
        m.Query = await log.MeasureAsync(steps[1], () => QueryUnderIngestionScenario.RunAsync(gateway, background, profile, cancellationToken));
    }

    private static IEnumerable<string> PinnedSteps() => [$"Batch ingestion, {PinnedMode}", $"Queries under ingestion, {PinnedMode}"];

    private static IEnumerable<string> FsyncSteps => [$"Batch ingestion, {DurableFsyncMode}", $"Single-event POST, {DurableFsyncMode}"];

    private static FigureSet Figures(Measurements m)
    {
        var figures = new FigureSet();
        var kestrelRate = figures.Add(KestrelPost, m.KestrelPost?.RequestsPerSecond, Units.RequestsPerSecond);
        var kestrelP50 = figures.Add(KestrelPost + " p50", m.KestrelPost?.P50Milliseconds, Units.Milliseconds);
        var kestrelP99 = figures.Add(KestrelPost + " p99", m.KestrelPost?.P99Milliseconds, Units.Milliseconds);
        var redis = RedisPersistence.All.ToDictionary(p => p, p => figures.Add(RedisCounting(p), m.Redis.GetValueOrDefault(p)?.EventsPerSecond, Units.EventsPerSecond));
        foreach (var persistence in RedisPersistence.All)
        {
            figures.Add(RedisTool(persistence), m.RedisTool.GetValueOrDefault(persistence)?.CommandsPerSecond, Units.CommandsPerSecond);
        }

        var redisNone = redis[RedisPersistence.None];
        var insert = figures.Add(PostgresInsert, m.PostgresInsert?.EventsPerSecond, Units.EventsPerSecond);
        var modes = new[] { (Name: DefaultMode, Measured: m.Default), (Name: DurableMode, Measured: m.Durable) };

        var defaultBatch = figures.Compare($"Batch ingestion, {DefaultMode}", m.Default.Batch?.EventsPerSecond, Units.EventsPerSecond, redisNone);
        var durableBatch = figures.Compare($"Batch ingestion, {DurableMode}", m.Durable.Batch?.EventsPerSecond, Units.EventsPerSecond, redisNone, DurableBatchTarget);
        figures.Compare($"Batch ingestion, {DurableMode} (vs seed 001)", m.Durable.Batch?.EventsPerSecond, Units.EventsPerSecond, insert);
        figures.Compare($"Batch ingestion, {DurableFsyncMode}", m.DurableFsync.Batch?.EventsPerSecond, Units.EventsPerSecond,
            redis[RedisPersistence.Always], DurableFsyncBatchTarget);
        figures.Compare($"Batch ingestion, {DurableFsyncMode} (vs Redis appendfsync everysec)", m.DurableFsync.Batch?.EventsPerSecond, Units.EventsPerSecond,
            redis[RedisPersistence.EverySecond]);
        figures.Compare($"Batch ingestion, {DurableFsyncMode} (vs fsync=off)", m.DurableFsync.Batch?.EventsPerSecond, Units.EventsPerSecond, durableBatch);
        figures.Compare($"Batch ingestion, {PinnedMode}", m.Pinned.Batch?.EventsPerSecond, Units.EventsPerSecond, redisNone);
        foreach (var (mode, outcome, plain) in new[] { (DefaultMode, m.Default, defaultBatch), (DurableMode, m.Durable, durableBatch) })
        {
            figures.Compare(RichBatchScenario.Name(mode), outcome.Rich?.EventsPerSecond, Units.EventsPerSecond, plain, RichBatchTarget);
        }

        foreach (var (mode, outcome) in modes.Append((Name: DurableFsyncMode, Measured: m.DurableFsync)))
        {
            var target = mode == DurableFsyncMode ? null : SinglePostTarget;
            figures.Compare($"Single-event POST, {mode}", outcome.Post?.RequestsPerSecond, Units.RequestsPerSecond, kestrelRate, target);
            figures.Compare($"Single-event POST, {mode} p50", outcome.Post?.P50Milliseconds, Units.Milliseconds, kestrelP50);
            figures.Compare($"Single-event POST, {mode} p99", outcome.Post?.P99Milliseconds, Units.Milliseconds, kestrelP99);
        }

        var shared = new Dictionary<string, Figure?>();
        foreach (var (mode, outcome) in modes)
        {
            foreach (var (query, latency) in new[] { ("Day query", outcome.Query?.Day), ("Realtime query", outcome.Query?.Realtime) })
            {
                figures.Compare($"{query} under ingestion, {mode} p50", latency?.P50Milliseconds, Units.Milliseconds, kestrelP50);
                shared[$"{query} {mode}"] = figures.Compare($"{query} under ingestion, {mode} p99", latency?.P99Milliseconds, Units.Milliseconds, kestrelP99, QueryP99Target);
            }
        }

        // Pinned apart, each query's p99 is compared with the same query's with everything on the same cores.
        foreach (var (query, latency) in new[] { ("Day query", m.Pinned.Query?.Day), ("Realtime query", m.Pinned.Query?.Realtime) })
        {
            figures.Compare($"{query} under ingestion, {PinnedMode} p50", latency?.P50Milliseconds, Units.Milliseconds, kestrelP50);
            figures.Compare($"{query} under ingestion, {PinnedMode} p99", latency?.P99Milliseconds, Units.Milliseconds, shared[$"{query} {DurableMode}"], QueryP99Target);
        }

        foreach (var (mode, outcome) in modes)
        {
            figures.Add($"Freshness (202 → visible in the year query), {mode} p50", outcome.Freshness?.P50Milliseconds, Units.Milliseconds);
            figures.Compare($"Freshness (202 → visible in the year query), {mode} p99", outcome.Freshness?.P99Milliseconds, Units.Milliseconds, baseline: null, FreshnessP99Target);
            figures.Add($"Freshness in the first minute after start, {mode} p50", outcome.FirstMinuteFreshness?.P50Milliseconds, Units.Milliseconds);
            figures.Compare($"Freshness in the first minute after start, {mode} p99", outcome.FirstMinuteFreshness?.P99Milliseconds, Units.Milliseconds,
                baseline: null, FreshnessP99Target);
        }

        figures.Compare($"Memory per active series-hour, {DefaultMode}: GC heap after a forced full GC",
            m.Memory?.GcHeapBytesPerSeriesHour, Units.BytesPerSeriesHour, baseline: null, MemoryTarget);
        figures.Compare($"Memory per active series-hour, {DefaultMode}: process RSS after a forced full GC",
            m.Memory?.ResidentBytesPerSeriesHour, Units.BytesPerSeriesHour, baseline: null, MemoryTarget);

        foreach (var (mode, outcome) in modes)
        {
            var even = figures.Add($"Hot account: the load spread evenly, {mode}", outcome.Hot?.Even.EventsPerSecond, Units.EventsPerSecond);
            figures.Compare($"Hot account: one account taking {HotAccountScenario.HotShare * 100:0}%, {mode}",
                outcome.Hot?.Hot.EventsPerSecond, Units.EventsPerSecond, even, HotAccountTarget);
        }

        foreach (var (mode, outcome) in modes)
        {
            foreach (var (series, throughput) in outcome.SeriesScan)
            {
                figures.Compare(SeriesCountScenario.Name(series, mode), throughput?.EventsPerSecond, Units.EventsPerSecond, redisNone);
            }
        }

        return figures;
    }

    private sealed class Measurements
    {
        public LatencyOutcome? KestrelPost { get; set; }

        public Dictionary<RedisPersistence, ThroughputOutcome?> Redis { get; } = [];

        public Dictionary<RedisPersistence, CommandRateOutcome?> RedisTool { get; } = [];

        public ThroughputOutcome? PostgresInsert { get; set; }

        public ModeMeasurements Default { get; } = new();

        public MemoryOutcome? Memory { get; set; }

        public ModeMeasurements Durable { get; } = new();

        public ModeMeasurements Pinned { get; } = new();

        public ModeMeasurements DurableFsync { get; } = new();
    }

    private sealed class ModeMeasurements
    {
        public LatencyOutcome? FirstMinuteFreshness { get; set; }

        public ThroughputOutcome? Batch { get; set; }

        public ThroughputOutcome? Rich { get; set; }

        public LatencyOutcome? Post { get; set; }

        public QueryOutcome? Query { get; set; }

        public LatencyOutcome? Freshness { get; set; }

        public HotAccountOutcome? Hot { get; set; }

        public SortedDictionary<int, ThroughputOutcome?> SeriesScan { get; } = [];
    }
}
