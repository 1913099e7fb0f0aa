namespace Orleans.Counters.Abstractions.Tests;

/// <summary>A clock that always says the same time.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => utcNow;
}
