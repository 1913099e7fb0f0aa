namespace Orleans.Counters.Bench.Scenarios;

/// <summary>
/// Batch ingestion: batches of 1,000 events, several requests in flight, in events/s until every
/// event shows in the <c>all</c> year query. A warm-up load over the same series runs first and is
/// waited for, so the measured run finds the grains active (steady state, not start-up).
/// </summary>
public static class BatchIngestionScenario
{
    /// <summary>The event type the batch scenarios count.</summary>
    public const string EventType = "bench-batch";

    /// <summary>Runs the warm-up, then the measured load, against a serving gateway.</summary>
    public static async Task<ThroughputOutcome> RunAsync(Uri gateway, BenchProfile profile, CancellationToken cancellationToken)
    {
        using var http = LoadHttpClient.Create(gateway, profile.BatchConcurrency + 1);
        var warmup = await BatchLoad.RunAsync(http, WarmupEvents(profile), profile, cancellationToken);
        var measured = await BatchLoad.RunAsync(http, MeasuredEvents(profile), profile, cancellationToken);
        return measured with
        {
            Detail = string.Create(CultureInfo.InvariantCulture, $"{measured.Detail}; after a warm-up of {warmup.Events:N0} events over the same series, visible after {warmup.Elapsed.TotalSeconds:0.00} s"),
        };
    }

    /// <summary>The events of the warm-up; the Redis baseline warms up with the same ones.</summary>
    public static BenchEvent[] WarmupEvents(BenchProfile profile) => EventFactory.Create(profile.BatchWarmupEvents, EventType, profile, seed: 1);

    /// <summary>The events of the measured run; the Redis baseline counts the same ones.</summary>
    public static BenchEvent[] MeasuredEvents(BenchProfile profile) => EventFactory.Create(profile.BatchEvents, EventType, profile, seed: 2);
}
