namespace Orleans.Counters.Bench.Scenarios;

/// <summary>
/// Query latency under ingestion: while a background batch load runs at a steady rate, the day query
/// (<c>/api/stats/track/{account}/{type}/{year}/{month}/{day}</c>) and the realtime query of the
/// accounts being written are sent at a fixed rate each, and their p50/p99 measured from when each
/// was due (open loop).
/// </summary>
public static class QueryUnderIngestionScenario
{
    /// <summary>Runs the background load, the query warm-up, then the measured queries.</summary>
    public static async Task<QueryOutcome> RunAsync(Uri gateway, double backgroundEventsPerSecond, BenchProfile profile, CancellationToken cancellationToken)
    {
        await using var background = await BackgroundIngestion.StartAsync(gateway, backgroundEventsPerSecond, profile, cancellationToken);
        using var http = LoadHttpClient.Create(gateway, profile.QueryConnections);
        await MeasureAsync(http, profile, profile.QueryWarmup, cancellationToken);
        var (day, realtime) = await MeasureAsync(http, profile, profile.QueryDuration, cancellationToken);
        var ingestion = await background.StopAsync(cancellationToken);

        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{profile.QueriesPerSecond:N0} day queries/s and {profile.QueriesPerSecond:N0} realtime queries/s, open loop over {profile.Accounts} accounts, " +
            $"{profile.QueryWarmup.TotalSeconds:0} s warm-up, {profile.QueryDuration.TotalSeconds:0} s measured: " +
            $"{Answered(day)} day and {Answered(realtime)} realtime queries; during {ingestion}");
        return new QueryOutcome(Summarize(day, detail), Summarize(realtime, detail), detail);
    }

    private static async Task<(PacedLoad.Outcome Day, PacedLoad.Outcome Realtime)> MeasureAsync(
        HttpClient http, BenchProfile profile, TimeSpan duration, CancellationToken cancellationToken)
    {
        var day = PacedLoad.RunAsync(profile.QueriesPerSecond, duration, (i, cancel) => GetAsync(http, DayPath(i, profile), cancel), cancellationToken);
        var realtime = PacedLoad.RunAsync(profile.QueriesPerSecond, duration, (i, cancel) => GetAsync(http, RealtimePath(i, profile), cancel), cancellationToken);
        return (await day, await realtime);
    }

    private static string DayPath(long i, BenchProfile profile)
    {
        var today = DateTime.UtcNow;
        return string.Create(CultureInfo.InvariantCulture,
            $"/api/stats/track/{EventFactory.Account((int)(i % profile.Accounts))}/{BackgroundIngestion.EventType}/{today.Year}/{today.Month}/{today.Day}");
    }

    private static string RealtimePath(long i, BenchProfile profile) =>
        $"/api/stats/{EventFactory.Account((int)(i % profile.Accounts))}/realtime?type={BackgroundIngestion.EventType}";

    private static async Task<bool> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response.StatusCode == System.Net.HttpStatusCode.OK;
    }

    private static LatencyOutcome Summarize(PacedLoad.Outcome outcome, string detail) =>
        outcome.Succeeded == 0
            ? throw new InvalidOperationException($"no query was answered 200 ({outcome.Failed} failed)")
            : LatencyOutcome.From(outcome.Histogram, outcome.Failed, outcome.Elapsed, detail);

    private static string Answered(PacedLoad.Outcome outcome) =>
        string.Create(CultureInfo.InvariantCulture, $"{outcome.Succeeded:N0} answered ({outcome.Failed:N0} failed)");
}
