namespace Orleans.Counters.Testing;

/// <summary>A clock that says what the test sets, and moves only when told.</summary>
public sealed class ManualClock(DateTimeOffset utcNow) : TimeProvider
{
    /// <summary>The time the clock says.</summary>
    public DateTimeOffset UtcNow { get; set; } = utcNow;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => UtcNow;

    /// <summary>Moves the clock on.</summary>
    public void Advance(TimeSpan by) => UtcNow += by;
}
