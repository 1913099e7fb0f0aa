namespace Orleans.Counters.Bench.Scenarios;

/// <summary>
/// A minute of light background ingestion on a deployment that has just started, before its first throughput
/// step. The default and durable deployments get that minute from their first-minute freshness step; the
/// pinned-apart and fsync=on deployments would otherwise measure their batch cold, and a cold deployment
/// measured 75,000 events/s where the same one a minute later took 198,000 (2026-12-04): the comparison
/// would be of warmth, not of placement or of fsync.
/// </summary>
public static class SettleScenario
{
    /// <summary>The step's name in <paramref name="mode"/>.</summary>
    public static string Name(string mode) => $"Settle: a minute of background ingestion at the fallback rate, {mode}";

    /// <summary>Runs the background load at the fallback rate for the first-minute freshness step's duration; returns what it sent.</summary>
    public static async Task<string> RunAsync(Uri gateway, BenchProfile profile, CancellationToken cancellationToken)
    {
        await using var background = await BackgroundIngestion.StartAsync(gateway, profile.BackgroundFallbackRate, profile, cancellationToken);
        await Task.Delay(FreshnessScenario.FirstMinute(profile), cancellationToken);
        return await background.StopAsync(cancellationToken);
    }
}
