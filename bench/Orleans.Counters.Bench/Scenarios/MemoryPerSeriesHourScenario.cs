namespace Orleans.Counters.Bench.Scenarios;

/// <summary>
/// Memory per active series-hour, default mode: a fresh gateway (its silo in the same process) counts
/// one event in each of accounts × URLs × hours distinct series-hours. The process is measured after a
/// forced full GC before the load and again once every event is visible; the growth is divided by the
/// series-hours counted, those of the URL series plus the account-wide and <c>all</c> series they roll into.
/// </summary>
public static class MemoryPerSeriesHourScenario
{
    /// <summary>The event type counted.</summary>
    public const string EventType = "bench-memory";

    private const string WarmupType = "bench-memory-warmup";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>Starts its own gateway, loads it, measures, and stops it.</summary>
    public static async Task<MemoryOutcome> RunAsync(HostBinaries binaries, BenchProfile profile, CancellationToken cancellationToken)
    {
        await using var gateway = await CountersHosts.StartDefaultAsync(binaries, cancellationToken);
        var process = gateway.Server.Id;
        using var http = LoadHttpClient.Create(gateway.BaseAddress, profile.BatchConcurrency + 1);

        // The same path through the code first, so that the "before" process has run it (JIT, pools, ingest grains).
        await BatchLoad.RunAsync(http, EventFactory.SeriesHours(WarmupType, profile.MemoryAccounts, urlsPerAccount: 10, hours: 2), profile, cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        var before = await ProcessMemory.AfterFullGcAsync(process, cancellationToken);

        var events = EventFactory.SeriesHours(EventType, profile.MemoryAccounts, profile.MemoryUrlsPerAccount, profile.MemoryHours);
        var load = await BatchLoad.RunAsync(http, events, profile, cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        var after = await ProcessMemory.AfterFullGcAsync(process, cancellationToken);

        var urlHours = (long)events.Length;
        var accountHours = (long)profile.MemoryAccounts * profile.MemoryHours;
        var seriesHours = urlHours + accountHours + profile.MemoryHours;
        var series = (long)profile.MemoryAccounts * profile.MemoryUrlsPerAccount + profile.MemoryAccounts + 1;
        var rollups = series * events.Select(e => e.Timestamp.Date).Distinct().Count()
            + series * events.Select(e => (e.Timestamp.Year, e.Timestamp.Month)).Distinct().Count()
            + series * YearTotal.YearsOf(events).Length;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"one gateway process with its silo; {profile.MemoryAccounts} accounts × {profile.MemoryUrlsPerAccount} URLs × {profile.MemoryHours} hours = " +
            $"{urlHours:N0} URL series-hours, plus {accountHours:N0} account-wide and {profile.MemoryHours:N0} all-accounts ones: {seriesHours:N0} series-hours " +
            $"(and {rollups:N0} day, month and year counters above them), one event each ({load.EventsPerSecond:N0} events/s until visible). After a full GC forced through the diagnostics port: " +
            $"GC heap {Mib(before.GcHeapBytes)} → {Mib(after.GcHeapBytes)} MiB, RSS (/proc VmRSS) {Mib(before.ResidentBytes)} → {Mib(after.ResidentBytes)} MiB, " +
            $"measured {Settle.TotalSeconds:0} s after the last event was visible");
        return new MemoryOutcome(seriesHours, before, after, detail);
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);
}
