using Orleans.Counters.Bench.Scenarios;

namespace Orleans.Counters.Bench;

/// <summary>
/// The figures of a run, named as the report names them, each against its same-run baseline, with the
/// targets of issue 18 and the older ones that still apply on the figures they are about.
/// </summary>
public static class BenchFigures
{
    /// <summary>The bare Kestrel baseline's step and figure.</summary>
    public const string KestrelPost = "Bare Kestrel: single-event POST";

    /// <summary>The seed 001 baseline's step and figure.</summary>
    public const string PostgresInsert = "PostgreSQL: one INSERT per event (seed 001)";

    /// <summary>How figure names say default mode.</summary>
    public const string DefaultMode = "default mode";

    /// <summary>How figure names say durable mode on the throwaway PostgreSQL.</summary>
    public const string DurableMode = "durable PostgreSQL mode (fsync=off)";

    /// <summary>How figure names say durable mode on a PostgreSQL that keeps fsync on.</summary>
    public const string DurableFsyncMode = "durable PostgreSQL mode (fsync=on)";

    /// <summary>How figure names say durable mode with PostgreSQL pinned apart.</summary>
    public const string PinnedMode = DurableMode + ", " + CorePlacement.Label;

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

    /// <summary>Every figure of the run, baselines first.</summary>
    public static FigureSet From(RunMeasurements m)
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

        foreach (var (mode, outcome) in modes)
        {
            var rebuild = TimeZoneRebuildScenario.Name(mode);
            figures.Add($"{rebuild}: series-hours rebuilt (N)", outcome.Rebuild?.SeriesHours, Units.SeriesHours);
            figures.Add($"{rebuild}: hour groups moved", outcome.Rebuild?.HoursMoved, Units.HourGroups);
            figures.Add($"{rebuild}: time per million series-hours", outcome.Rebuild?.SecondsPerMillionSeriesHours, Units.SecondsPerMillionSeriesHours);
            figures.Add($"{rebuild}: series-hours moved per second", outcome.Rebuild?.SeriesHoursPerSecond, Units.SeriesHoursPerSecond);
            figures.Add($"{rebuild}: hour groups moved per second", outcome.Rebuild?.HourGroupsPerSecond, Units.HourGroupsPerSecond);
        }

        return figures;
    }
}
