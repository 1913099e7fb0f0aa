namespace Orleans.Counters.Retries;

/// <summary>
/// How long to wait before trying again after failures: <see cref="First"/> after the first, twice as long
/// after each further one, never more than <see cref="Longest"/>. Jittered, a wait is drawn between half and
/// all of that, so that many clients failing at once do not all come back at the same instant.
/// </summary>
/// <param name="First">The wait after the first failure.</param>
/// <param name="Longest">The longest wait.</param>
public sealed record Backoff(TimeSpan First, TimeSpan Longest)
{
    /// <summary>True to draw each wait between half and all of its exponential value.</summary>
    public bool Jittered { get; init; }

    /// <summary>The wait after <paramref name="failures"/> failures in a row (1 for the first).</summary>
    public TimeSpan Delay(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var exponential = Math.Min(Longest.Ticks, First.Ticks * Math.Pow(2, Math.Min(failures - 1, 62)));
        var drawn = Jittered ? exponential * (0.5 + (Random.Shared.NextDouble() / 2)) : exponential;
        return TimeSpan.FromTicks((long)drawn);
    }
}
