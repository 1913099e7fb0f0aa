namespace Orleans.Counters.Bench.Scenarios;

/// <summary>
/// Throughput against the number of distinct series: batch ingestion in events/s until visible, the
/// events spread round robin over N (account, URL) series, all in the current hour. Each step counts a
/// type of its own, so its series start cold: with many series this measures the cost of new counters.
/// </summary>
public static class SeriesCountScenario
{
    /// <summary>Runs one step: <paramref name="count"/> events over <paramref name="series"/> series.</summary>
    public static async Task<ThroughputOutcome> RunAsync(Uri gateway, int series, int count, BenchProfile profile, CancellationToken cancellationToken)
    {
        var touched = Math.Min(series, count);
        var accounts = Math.Min(series, profile.Accounts);
        var events = EventFactory.RoundRobin(count, EventType(series), series, profile.Accounts, DateTime.UtcNow);
        using var http = LoadHttpClient.Create(gateway, profile.BatchConcurrency + 1);
        var outcome = await BatchLoad.RunAsync(http, events, profile, cancellationToken);
        return outcome with
        {
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"{series:N0} series in {accounts} account{(accounts == 1 ? "" : "s")}, {touched:N0} of them touched ({count / (double)touched:N1} events each), cold; {outcome.Detail}"),
        };
    }

    /// <summary>The figure's name for a step.</summary>
    public static string Name(int series, string mode) =>
        string.Create(CultureInfo.InvariantCulture, $"Batch ingestion over {series:N0} distinct series, {mode}");

    private static string EventType(int series) => string.Create(CultureInfo.InvariantCulture, $"bench-series-{series}");
}
