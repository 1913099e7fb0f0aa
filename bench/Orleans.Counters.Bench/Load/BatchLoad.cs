namespace Orleans.Counters.Bench.Load;

/// <summary>
/// Posts batches with a fixed number of requests in flight, then polls the year query until it shows
/// every event: the clock runs from the first POST until the last event is visible.
/// </summary>
public static class BatchLoad
{
    /// <summary>Sends <paramref name="events"/> (all of one type) in batches and waits until all are counted.</summary>
    public static async Task<ThroughputOutcome> RunAsync(
        HttpClient http, IReadOnlyCollection<BenchEvent> events, BenchProfile profile, CancellationToken cancellationToken)
    {
        var type = events.First().Type;
        var years = YearTotal.YearsOf(events);
        var bodies = EventJson.Batches(events, profile.BatchSize);
        var before = await YearTotal.SumAsync(http, type, years, cancellationToken);

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            bodies,
            new ParallelOptions { MaxDegreeOfParallelism = profile.BatchConcurrency, CancellationToken = cancellationToken },
            async (body, cancel) =>
            {
                var status = await LoadHttpClient.PostEventsAsync(http, body, cancel);
                if (status != StatusCodes.Status202Accepted)
                {
                    throw new InvalidOperationException($"POST /api/events answered {status} to a batch");
                }
            });
        var accepted = clock.Elapsed;

        var bots = events.LongCount(EventFactory.IsCrawler);
        await YearTotal.WaitForAsync(http, type, years, before, events.Count, bots, profile.VisibleTimeout, cancellationToken);
        var visible = clock.Elapsed;

        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{events.Count:N0} events in batches of {profile.BatchSize:N0}, {profile.BatchConcurrency} requests in flight: " +
            $"all 202 after {accepted.TotalSeconds:0.00} s ({events.Count / accepted.TotalSeconds:N0} events/s), " +
            $"all visible in the year query after {visible.TotalSeconds:0.00} s");
        return new ThroughputOutcome(events.Count, visible, detail);
    }
}
