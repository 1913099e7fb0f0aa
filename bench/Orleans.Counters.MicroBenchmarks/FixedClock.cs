namespace Orleans.Counters.MicroBenchmarks;

/// <summary>A clock that always says the same time, so the sample events never age out of the validator's window.</summary>
internal sealed class FixedClock(DateTimeOffset utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => utcNow;
}
