using Orleans.Counters.Retries;

namespace Orleans.Counters.Gateway.Cluster;

/// <summary>
/// Keeps the gateway's client trying to reach the cluster until it does or the gateway stops, whatever
/// the failure: no silo registered yet, or no schema yet in a fresh database. Orleans' default gives
/// up after 15 tries, and only on some failures.
/// </summary>
public sealed class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    /// <summary>The longest wait between two tries.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    // 1, 2, 4, then 5 s: a silo that is starting is found within seconds, a long outage costs a try per 5 s.
    private static readonly Backoff Waits = new(TimeSpan.FromSeconds(1), MaxDelay);

    private int _attempts;

    /// <inheritdoc />
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var delay = Waits.Delay(attempt);
        Log.Retrying(logger, attempt, exception.GetType().Name, exception.Message, delay.TotalSeconds);
        await Task.Delay(delay, cancellationToken);
        return true;
    }
}
