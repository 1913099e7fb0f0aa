namespace Orleans.Counters.Ship.Sending;

/// <summary>
/// How long to wait before sending a batch again: what the gateway asked for (<c>Retry-After</c>),
/// else twice as long after each failure from <see cref="Initial"/>, jittered so that many shippers
/// do not come back at the same instant; never more than <paramref name="max"/>.
/// </summary>
public sealed class Backoff(TimeSpan max)
{
    /// <summary>The wait after a first failure, before jitter.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(250);

    /// <summary>The wait before attempt <paramref name="failures"/> + 1.</summary>
    public TimeSpan Delay(int failures, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
        {
            return asked < max ? asked : max;
        }

        var exponential = Initial.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 20));
        var jittered = Math.Min(exponential, max.TotalMilliseconds) * (0.5 + (Random.Shared.NextDouble() / 2));
        return TimeSpan.FromMilliseconds(jittered);
    }
}
