using System.Diagnostics;

namespace Orleans.Counters.Testing;

/// <summary>
/// A clock that starts at a time the test chooses and then runs like the real one: for a whole
/// gateway and silo, whose timers and flushes need time to pass, at a moment the test needs (just
/// after a local midnight).
/// </summary>
public sealed class ShiftedClock(DateTimeOffset startsAt) : TimeProvider
{
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => startsAt + Stopwatch.GetElapsedTime(_started);
}
