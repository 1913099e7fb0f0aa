using Orleans.Counters.Bench.Baselines;
using Orleans.Counters.Bench.Scenarios;

namespace Orleans.Counters.Bench;

/// <summary>
/// One bench run: builds our hosts in Release, runs the baselines and our scenarios one at a time
/// (each server stopped before the next starts), and writes BENCHMARKS.md and benchmarks.json.
/// </summary>
public static class BenchRun
{
    /// <summary>Runs everything; returns the exit code (1 when a step failed, the reports are written anyway).</summary>
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var wall = Stopwatch.StartNew();
        var profile = (options.Quick ? BenchProfile.Quick : BenchProfile.Full) with { BackgroundRate = options.BackgroundRate };
        Progress.Info($"{profile.Name} run; reports go to {options.OutDirectory}");
        Directory.CreateDirectory(options.OutDirectory);

        var machine = await MachineFacts.CollectAsync(cancellationToken);
        var placement = CorePlacement.OnThisMachine(out var unpinnable);
        machine.Add("placement", placement is null
            ? $"{CorePlacement.SharedLabel} (the load generator, our processes, the servers); no \"{CorePlacement.Label}\" figures: {unpinnable}"
            : $"{CorePlacement.SharedLabel} (the load generator, our processes, the servers), except figures labelled \"{CorePlacement.Label}\": " +
              $"PostgreSQL on core {placement.PostgresCores}, everything else on {placement.OtherCores}");
        var log = new RunLog(options.Includes, cancellationToken);
        var measured = new RunMeasurements();

        // A failed build (say, src/ in the middle of an edit) still leaves the baselines to measure.
        HostBinaries? built = null;
        await log.RunAsync("build the gateway and the silo in Release", async () => built = await HostBinaries.BuildAsync(cancellationToken));
        HostBinaries Binaries() => built ?? throw new InvalidOperationException("the gateway and the silo did not build");

        measured.KestrelPost = await log.MeasureAsync(BenchFigures.KestrelPost, async () =>
        {
            await using var server = await BareKestrelHost.StartAsync(cancellationToken);
            return await SingleEventPostScenario.RunAsync(server.BaseAddress, profile, cancellationToken);
        });

        foreach (var persistence in RedisPersistence.All)
        {
            if (!log.Includes(BenchFigures.RedisCounting(persistence)) && !log.Includes(BenchFigures.RedisTool(persistence)))
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

                measured.Redis[persistence] = await log.MeasureAsync(BenchFigures.RedisCounting(persistence), () => RedisHincrbyBaseline.RunAsync(
                    server, persistence, BatchIngestionScenario.WarmupEvents(profile), BatchIngestionScenario.MeasuredEvents(profile), profile, cancellationToken));
                if (RedisServer.BenchmarkTool is not null)
                {
                    measured.RedisTool[persistence] = await log.MeasureAsync(BenchFigures.RedisTool(persistence),
                        () => RedisBenchmarkTool.RunAsync(server, persistence, profile.RedisToolRequests, cancellationToken));
                }
            });
        }

        await log.RunAsync("default mode (one gateway process with its silo)", async () =>
        {
            await using var gateway = await CountersHosts.StartDefaultAsync(Binaries(), cancellationToken);
            await RunModeAsync(log, gateway.BaseAddress, BenchFigures.DefaultMode, measured.Default, profile.SeriesScanEvents, profile.RebuildUrls, profile, cancellationToken);
        });

        measured.Memory = await log.MeasureAsync($"Memory per active series-hour, {BenchFigures.DefaultMode} (a gateway of its own)",
            () => MemoryPerSeriesHourScenario.RunAsync(Binaries(), profile, cancellationToken));

        await log.RunAsync("PostgreSQL server (fsync=off)", async () =>
        {
            await using var postgres = await BenchPostgres.StartAsync(fsync: false);
            machine.Add("PostgreSQL", await postgres.DescribeAsync(cancellationToken) + " (scripts/postgres-server.sh)");
            measured.PostgresInsert = await log.MeasureAsync(BenchFigures.PostgresInsert, () => PostgresInsertBaseline.RunAsync(
                postgres.ConnectionString, EventFactory.Create(profile.PostgresInsertEvents, BatchIngestionScenario.EventType, profile, seed: 3), profile, cancellationToken));

            await log.RunAsync("durable PostgreSQL mode, fsync=off (silo process + gateway process)", async () =>
            {
                await using var cluster = await CountersHosts.StartDurableAsync(Binaries(), postgres.ConnectionString, cancellationToken);
                await RunModeAsync(log, cluster.BaseAddress, BenchFigures.DurableMode, measured.Durable, profile.DurableSeriesScanEvents, profile.DurableRebuildUrls, profile, cancellationToken);
            });

            if (placement is not null && PinnedSteps().Any(log.Includes))
            {
                await log.RunAsync($"durable PostgreSQL mode, fsync=off, {CorePlacement.Label}", async () =>
                {
                    var database = await postgres.CreateDatabaseAsync("counters_pinned", cancellationToken);
                    await using var pinned = await PinnedApart.StartAsync(placement, postgres, cancellationToken);
                    await using var cluster = await CountersHosts.StartDurableAsync(Binaries(), database, cancellationToken, placement.OtherCores);
                    await RunPinnedAsync(log, cluster.BaseAddress, measured.Pinned, profile, cancellationToken);
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
                    await SettleAsync(log, cluster.BaseAddress, BenchFigures.DurableFsyncMode, profile, cancellationToken);
                    var m = measured.DurableFsync;
                    m.Batch = await log.MeasureAsync($"Batch ingestion, {BenchFigures.DurableFsyncMode}", () => BatchIngestionScenario.RunAsync(cluster.BaseAddress, profile, cancellationToken));
                    m.Post = await log.MeasureAsync($"Single-event POST, {BenchFigures.DurableFsyncMode}", () => SingleEventPostScenario.RunAsync(cluster.BaseAddress, profile, cancellationToken));
                });
            });
        }

        machine.AddLoadAverage("at the end");
        var figures = BenchFigures.From(measured);
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
    /// the next: freshness in the first minute after the start comes first, the time zone rebuild (an account
    /// of its own) before the series-count scan, which leaves the most counters active, last.
    /// </summary>
    private static async Task RunModeAsync(
        RunLog log, Uri gateway, string mode, ModeMeasurements m, int seriesScanEvents, int rebuildUrls, BenchProfile profile, CancellationToken cancellationToken)
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
        m.Rebuild = await log.MeasureAsync(TimeZoneRebuildScenario.Name(mode), () => TimeZoneRebuildScenario.RunAsync(gateway, rebuildUrls, profile, cancellationToken));
        foreach (var series in profile.SeriesCounts)
        {
            m.SeriesScan[series] = await log.MeasureAsync(SeriesCountScenario.Name(series, mode),
                () => SeriesCountScenario.RunAsync(gateway, series, seriesScanEvents, profile, cancellationToken));
        }
    }

    /// <summary>
    /// The durable batch ingestion and the queries under it again, with PostgreSQL pinned apart; the
    /// queries under half the batch rate of this placement, as every mode's are: a rate taken from
    /// the other placement may be more than this one sustains, and then the queries measure the backlog.
    /// </summary>
    private static async Task RunPinnedAsync(RunLog log, Uri gateway, ModeMeasurements m, BenchProfile profile, CancellationToken cancellationToken)
    {
        var steps = PinnedSteps().ToList();
        await SettleAsync(log, gateway, BenchFigures.PinnedMode, profile, cancellationToken);
        m.Batch = await log.MeasureAsync(steps[0], () => BatchIngestionScenario.RunAsync(gateway, profile, cancellationToken));
        var background = BackgroundIngestion.RateFor(m.Batch, profile);
        m.Query = await log.MeasureAsync(steps[1], () => QueryUnderIngestionScenario.RunAsync(gateway, background, profile, cancellationToken));
    }

    /// <summary>A deployment whose first step is not the first-minute freshness gets a minute of light load first (<see cref="SettleScenario"/>).</summary>
    private static Task SettleAsync(RunLog log, Uri gateway, string mode, BenchProfile profile, CancellationToken cancellationToken) =>
        log.RunAsync(SettleScenario.Name(mode), async () => Progress.Info(await SettleScenario.RunAsync(gateway, profile, cancellationToken)));

    private static IEnumerable<string> PinnedSteps() => [$"Batch ingestion, {BenchFigures.PinnedMode}", $"Queries under ingestion, {BenchFigures.PinnedMode}"];

    private static IEnumerable<string> FsyncSteps => [$"Batch ingestion, {BenchFigures.DurableFsyncMode}", $"Single-event POST, {BenchFigures.DurableFsyncMode}"];
}
