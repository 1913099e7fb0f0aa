namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// Versions for child totals: a hybrid logical clock, max(previous + 1, now in ticks).
/// A counter reactivated from older persisted state still reports versions above anything
/// its lost activation sent, so parents take the new reports (as long as silo clocks
/// differ by less than the time it takes to reactivate a grain).
/// </summary>
public static class VersionClock
{
    /// <summary>The version that follows <paramref name="previous"/>.</summary>
    public static long Next(long previous, TimeProvider clock) => Math.Max(previous + 1, clock.GetUtcNow().UtcTicks);
}
