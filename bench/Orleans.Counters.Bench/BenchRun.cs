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
    private const string RedisCounting = "Redis: 8 HINCRBY per event, pipelined (seed 000)";
    private const string PostgresInsert = "PostgreSQL: one INSERT per event (seed 001)";
    private const string DefaultMode = "default mode";
    private const string DurableMode = "durable PostgreSQL mode";
    private static readonly Target DurableBatchTarget = Target.RatioAtLeast(1.0);
    private static readonly Target SinglePostTarget = Target.RatioAtLeast(0.5);
    private static readonly Target QueryP99Target = Target.AtMost(5, "5 ms");
    private static readonly Target FreshnessP99Target = Target.AtMost(1_000, "1 s");
    private static readonly Target MemoryTarget = Target.AtMost(2_048, "2 KiB");
    private static readonly Target HotAccountTarget = Target.RatioAtLeast(0.7);

    /// <summary>Runs everything; returns the exit code (1 when a step failed, the reports are written anyway).</summary>
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var wall = Stopwatch.StartNew();
        var profile = options.Quick ? BenchProfile.Quick : BenchProfile.Full;
        Progress.Info($"{profile.Name} run; reports go to {options.OutDirectory}");
        Directory.CreateDirectory(options.OutDirectory);

        var machine = await MachineFacts.CollectAsync(cancellationToken);
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

        measured.Redis = await log.MeasureAsync(RedisCounting, async () =>
        {
            await using var server = await RedisServer.StartAsync(cancellationToken);
            machine.Add("Redis", server.Version);
            return await RedisHincrbyBaseline.RunAsync(
                server.Endpoint, BatchIngestionScenario.WarmupEvents(profile), BatchIngestionScenario.MeasuredEvents(profile), profile, cancellationToken);
        });

        await log.RunAsync("default mode (one gateway process with its silo)", async () =>
        {
            await using var gateway = await CountersHosts.StartDefaultAsync(Binaries(), cancellationToken);
            await RunModeAsync(log, gateway.BaseAddress, DefaultMode, measured.Default, profile.SeriesScanEvents, profile, cancellationToken);
        });

        measured.Memory = await log.MeasureAsync($"Memory per active series-hour, {DefaultMode} (a gateway of its own)",
            () => MemoryPerSeriesHourScenario.RunAsync(Binaries(), profile, cancellationToken));

        await log.RunAsync("PostgreSQL server", async () =>
        {
            await using var postgres = await BenchPostgres.StartAsync();
            machine.Add("PostgreSQL", await postgres.DescribeAsync(cancellationToken) + " (scripts/postgres-server.sh)");
            measured.PostgresInsert = await log.MeasureAsync(PostgresInsert, () => PostgresInsertBaseline.RunAsync(
                postgres.ConnectionString, EventFactory.Create(profile.PostgresInsertEvents, BatchIngestionScenario.EventType, profile, seed: 3), profile, cancellationToken));

            await log.RunAsync("durable PostgreSQL mode (silo process + gateway process)", async () =>
            {
                await using var cluster = await CountersHosts.StartDurableAsync(Binaries(), postgres.ConnectionString, cancellationToken);
                await RunModeAsync(log, cluster.BaseAddress, DurableMode, measured.Durable, profile.DurableSeriesScanEvents, profile, cancellationToken);
            });
        });

        machine.AddLoadAverage("at the end");
        var figures = Figures(measured);
        var report = new BenchReport(options.Command, options.Quick, started, wall.Elapsed, machine, figures.All, log);
        var markdown = Path.Combine(options.OutDirectory, "BENCHMARKS.md");
        var json = Path.Combine(options.OutDirectory, "benchmarks.json");
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
    /// Our scenarios against one running deployment, in an order that keeps each from disturbing the
    /// next: the series-count scan, which leaves the most counters active, comes last.
    /// </summary>
    private static async Task RunModeAsync(
        RunLog log, Uri gateway, string mode, ModeMeasurements m, int seriesScanEvents, BenchProfile profile, CancellationToken cancellationToken)
    {
        m.Batch = await log.MeasureAsync($"Batch ingestion, {mode}", () => BatchIngestionScenario.RunAsync(gateway, profile, cancellationToken));
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

    private static FigureSet Figures(Measurements m)
    {
        var figures = new FigureSet();
        var kestrelRate = figures.Add(KestrelPost, m.KestrelPost?.RequestsPerSecond, Units.RequestsPerSecond);
        var kestrelP50 = figures.Add(KestrelPost + " p50", m.KestrelPost?.P50Milliseconds, Units.Milliseconds);
        var kestrelP99 = figures.Add(KestrelPost + " p99", m.KestrelPost?.P99Milliseconds, Units.Milliseconds);
        var redis = figures.Add(RedisCounting, m.Redis?.EventsPerSecond, Units.EventsPerSecond);
        var insert = figures.Add(PostgresInsert, m.PostgresInsert?.EventsPerSecond, Units.EventsPerSecond);
        var modes = new[] { (Name: DefaultMode, Measured: m.Default), (Name: DurableMode, Measured: m.Durable) };

        figures.Compare($"Batch ingestion, {DefaultMode}", m.Default.Batch?.EventsPerSecond, Units.EventsPerSecond, redis);
        figures.Compare($"Batch ingestion, {DurableMode}", m.Durable.Batch?.EventsPerSecond, Units.EventsPerSecond, redis, DurableBatchTarget);
        figures.Compare($"Batch ingestion, {DurableMode} (vs seed 001)", m.Durable.Batch?.EventsPerSecond, Units.EventsPerSecond, insert);
        foreach (var (mode, outcome) in modes)
        {
            figures.Compare($"Single-event POST, {mode}", outcome.Post?.RequestsPerSecond, Units.RequestsPerSecond, kestrelRate, SinglePostTarget);
            figures.Compare($"Single-event POST, {mode} p50", outcome.Post?.P50Milliseconds, Units.Milliseconds, kestrelP50);
            figures.Compare($"Single-event POST, {mode} p99", outcome.Post?.P99Milliseconds, Units.Milliseconds, kestrelP99);
        }

        foreach (var (mode, outcome) in modes)
        {
            foreach (var (query, latency) in new[] { ("Day query", outcome.Query?.Day), ("Realtime query", outcome.Query?.Realtime) })
            {
                figures.Compare($"{query} under ingestion, {mode} p50", latency?.P50Milliseconds, Units.Milliseconds, kestrelP50);
                figures.Compare($"{query} under ingestion, {mode} p99", latency?.P99Milliseconds, Units.Milliseconds, kestrelP99, QueryP99Target);
            }
        }

        foreach (var (mode, outcome) in modes)
        {
            figures.Add($"Freshness (202 → visible in the year query), {mode} p50", outcome.Freshness?.P50Milliseconds, Units.Milliseconds);
            figures.Compare($"Freshness (202 → visible in the year query), {mode} p99", outcome.Freshness?.P99Milliseconds, Units.Milliseconds, baseline: null, FreshnessP99Target);
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
                figures.Compare(SeriesCountScenario.Name(series, mode), throughput?.EventsPerSecond, Units.EventsPerSecond, redis);
            }
        }

        return figures;
    }

    private sealed class Measurements
    {
        public LatencyOutcome? KestrelPost { get; set; }

        public ThroughputOutcome? Redis { get; set; }

        public ThroughputOutcome? PostgresInsert { get; set; }

        public ModeMeasurements Default { get; } = new();

        public MemoryOutcome? Memory { get; set; }

        public ModeMeasurements Durable { get; } = new();
    }

    private sealed class ModeMeasurements
    {
        public ThroughputOutcome? Batch { get; set; }

        public LatencyOutcome? Post { get; set; }

        public QueryOutcome? Query { get; set; }

        public LatencyOutcome? Freshness { get; set; }

        public HotAccountOutcome? Hot { get; set; }

        public SortedDictionary<int, ThroughputOutcome?> SeriesScan { get; } = [];
    }
}
