namespace Orleans.Counters.Bench.Scenarios;

/// <summary>
/// One hot account: the batch ingestion load with 90% of its events going to one account, against the
/// same load spread evenly over the accounts, both measured back to back in events/s until visible.
/// Both use the batch scenario's event type and series, after a warm-up over them.
/// </summary>
public static class HotAccountScenario
{
    /// <summary>The share of the events the hot account takes.</summary>
    public const double HotShare = 0.9;

    /// <summary>Runs the warm-up, the evenly spread load, then the hot-account load.</summary>
    public static async Task<HotAccountOutcome> RunAsync(Uri gateway, BenchProfile profile, CancellationToken cancellationToken)
    {
        var type = BatchIngestionScenario.EventType;
        using var http = LoadHttpClient.Create(gateway, profile.BatchConcurrency + 1);
        await BatchLoad.RunAsync(http, EventFactory.Create(profile.HotWarmupEvents, type, profile, seed: 4), profile, cancellationToken);
        var even = await BatchLoad.RunAsync(http, EventFactory.Create(profile.HotEvents, type, profile, seed: 5), profile, cancellationToken);
        var hot = await BatchLoad.RunAsync(http, EventFactory.HotAccount(profile.HotEvents, type, profile, HotShare, seed: 6), profile, cancellationToken);

        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{profile.HotEvents:N0} events each, over {profile.Accounts} accounts × {profile.UrlsPerAccount} URLs, after a warm-up of " +
            $"{profile.HotWarmupEvents:N0}; evenly spread: {even.EventsPerSecond:N0} events/s ({even.Detail}); " +
            $"{EventFactory.Account(0)} taking {HotShare * 100:0}%: {hot.EventsPerSecond:N0} events/s ({hot.Detail})");
        return new HotAccountOutcome(even, hot, detail);
    }
}
