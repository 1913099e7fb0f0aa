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
    private static readonly Target DurableBatchTarget = new(1.0);
    private static readonly Target SinglePostTarget = new(0.5);

    /// <summary>Runs everything; returns the exit code (1 when a step failed, the reports are written anyway).</summary>
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var wall = Stopwatch.StartNew();
        var profile = options.Quick ? BenchProfile.Quick : BenchProfile.Full;
        Progress.Info($"{profile.Name} run; reports go to {options.OutDirectory}");
        Directory.CreateDirectory(options.OutDirectory);

        var machine = await MachineFacts.CollectAsync(cancellationToken);
        var log = new RunLog(cancellationToken);
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
            measured.DefaultBatch = await log.MeasureAsync("Batch ingestion, default mode",
                () => BatchIngestionScenario.RunAsync(gateway.BaseAddress, profile, cancellationToken));
            measured.DefaultPost = await log.MeasureAsync("Single-event POST, default mode",
                () => SingleEventPostScenario.RunAsync(gateway.BaseAddress, profile, cancellationToken));
        });

        await log.RunAsync("PostgreSQL server", async () =>
        {
            await using var postgres = await PostgresServer.StartAsync(cancellationToken);
            machine.Add("PostgreSQL", await postgres.DescribeAsync(cancellationToken) + " (scripts/postgres-server.sh)");
            measured.PostgresInsert = await log.MeasureAsync(PostgresInsert, () => PostgresInsertBaseline.RunAsync(
                postgres.ConnectionString, EventFactory.Create(profile.PostgresInsertEvents, BatchIngestionScenario.EventType, profile, seed: 3), profile, cancellationToken));

            await log.RunAsync("durable PostgreSQL mode (silo process + gateway process)", async () =>
            {
                await using var cluster = await CountersHosts.StartDurableAsync(Binaries(), postgres.ConnectionString, cancellationToken);
                measured.DurableBatch = await log.MeasureAsync("Batch ingestion, durable PostgreSQL mode",
                    () => BatchIngestionScenario.RunAsync(cluster.BaseAddress, profile, cancellationToken));
                measured.DurablePost = await log.MeasureAsync("Single-event POST, durable PostgreSQL mode",
                    () => SingleEventPostScenario.RunAsync(cluster.BaseAddress, profile, cancellationToken));
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

    private static FigureSet Figures(Measurements m)
    {
        var figures = new FigureSet();
        var kestrelRate = figures.Add(KestrelPost, m.KestrelPost?.RequestsPerSecond, Units.RequestsPerSecond);
        var kestrelP50 = figures.Add(KestrelPost + " p50", m.KestrelPost?.P50Milliseconds, Units.Milliseconds);
        var kestrelP99 = figures.Add(KestrelPost + " p99", m.KestrelPost?.P99Milliseconds, Units.Milliseconds);
        var redis = figures.Add(RedisCounting, m.Redis?.EventsPerSecond, Units.EventsPerSecond);
        var insert = figures.Add(PostgresInsert, m.PostgresInsert?.EventsPerSecond, Units.EventsPerSecond);

        figures.Compare("Batch ingestion, default mode", m.DefaultBatch?.EventsPerSecond, Units.EventsPerSecond, redis);
        figures.Compare("Batch ingestion, durable PostgreSQL mode", m.DurableBatch?.EventsPerSecond, Units.EventsPerSecond, redis, DurableBatchTarget);
        figures.Compare("Batch ingestion, durable PostgreSQL mode (vs seed 001)", m.DurableBatch?.EventsPerSecond, Units.EventsPerSecond, insert);
        foreach (var (mode, outcome) in new[] { ("default mode", m.DefaultPost), ("durable PostgreSQL mode", m.DurablePost) })
        {
            figures.Compare($"Single-event POST, {mode}", outcome?.RequestsPerSecond, Units.RequestsPerSecond, kestrelRate, SinglePostTarget);
            figures.Compare($"Single-event POST, {mode} p50", outcome?.P50Milliseconds, Units.Milliseconds, kestrelP50);
            figures.Compare($"Single-event POST, {mode} p99", outcome?.P99Milliseconds, Units.Milliseconds, kestrelP99);
        }

        return figures;
    }

    private sealed class Measurements
    {
        public LatencyOutcome? KestrelPost { get; set; }

        public ThroughputOutcome? Redis { get; set; }

        public ThroughputOutcome? PostgresInsert { get; set; }

        public ThroughputOutcome? DefaultBatch { get; set; }

        public LatencyOutcome? DefaultPost { get; set; }

        public ThroughputOutcome? DurableBatch { get; set; }

        public LatencyOutcome? DurablePost { get; set; }
    }
}
