namespace Orleans.Counters.Bench.Scenarios;

/// <summary>
/// Batch ingestion of events that carry a user id, a value and a user agent (a tenth of them a crawler's),
/// so that uniques, sums and bot detection do their work: the same load as <see cref="BatchIngestionScenario"/>
/// otherwise (batches, accounts, URLs, warm-up), against which it is compared in the same mode.
/// </summary>
public static class RichBatchScenario
{
    /// <summary>The event type the rich batches count, apart from the plain batches'.</summary>
    public const string EventType = "bench-rich";

    /// <summary>The figure's name in <paramref name="mode"/>.</summary>
    public static string Name(string mode) => $"Batch with user ids, values and user agents, {mode}";

    /// <summary>Runs the warm-up, then the measured load, against a serving gateway.</summary>
    public static async Task<ThroughputOutcome> RunAsync(Uri gateway, BenchProfile profile, CancellationToken cancellationToken)
    {
        using var http = LoadHttpClient.Create(gateway, profile.BatchConcurrency + 1);
        var warmup = await BatchLoad.RunAsync(http, EventFactory.Rich(profile.BatchWarmupEvents, EventType, profile, seed: 7), profile, cancellationToken);
        var measured = await BatchLoad.RunAsync(http, EventFactory.Rich(profile.BatchEvents, EventType, profile, seed: 8), profile, cancellationToken);
        return measured with
        {
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"each event with a user id (of {EventFactory.Users:N0}), a value and a user agent, {EventFactory.CrawlerShare:P0} of them a crawler's " +
                $"(counted in bots, and checked); {measured.Detail}; after a warm-up of {warmup.Events:N0} such events over the same series"),
        };
    }
}
