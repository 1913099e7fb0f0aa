using Orleans.Counters.Retries;

namespace Orleans.Counters.Ship.Sending;

/// <summary>
/// How long to wait before sending a batch again: what the gateway asked for (<c>Retry-After</c>),
/// else twice as long after each failure from <see cref="Initial"/>, jittered so that many shippers
/// do not come back at the same instant; never more than <paramref name="max"/>.
/// </summary>
public sealed class RetryWait(TimeSpan max)
{
    /// <summary>The wait after a first failure, before jitter.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(250);

    private readonly Backoff _backoff = new(Initial, max) { Jittered = true };

    /// <summary>The wait before attempt <paramref name="failures"/> + 1.</summary>
    public TimeSpan Delay(int failures, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
        {
            return asked < max ? asked : max;
        }

        return _backoff.Delay(failures + 1);
    }
}
