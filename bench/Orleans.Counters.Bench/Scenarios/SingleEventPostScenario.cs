namespace Orleans.Counters.Bench.Scenarios;

/// <summary>
/// Single-event POST: one event per request, many connections, in requests/s with p50/p99 latency.
/// The same load runs against our gateway and against the bare Kestrel baseline.
/// </summary>
public static class SingleEventPostScenario
{
    /// <summary>The event type the single-event scenarios count.</summary>
    public const string EventType = "bench-single";

    /// <summary>Loads a server with single-event POSTs rotating over every (account, URL).</summary>
    public static Task<LatencyOutcome> RunAsync(Uri server, BenchProfile profile, CancellationToken cancellationToken)
    {
        var bodies = Enumerable.Range(0, profile.Accounts * profile.UrlsPerAccount)
            .Select(i => EventJson.Single(new BenchEvent(
                EventFactory.Account(i % profile.Accounts), EventType, EventFactory.Url(i / profile.Accounts), default)))
            .ToList();
        return SingleEventLoad.RunAsync(server, bodies, profile, cancellationToken);
    }
}
