using Orleans.Counters.Grains.Counters;

namespace Orleans.Counters.Grains.Fencing;

/// <summary>
/// When a counter activation must compare its state with storage before it answers a read: at once
/// after a disturbance it has not checked since, then at most every
/// <see cref="CounterOptions.StateCheckIntervalAfterDisturbance"/> while the last disturbance is
/// recent (a second activation may be created a little after it, while the directory recovers), and
/// otherwise at most every <see cref="CounterOptions.StateCheckInterval"/>. Storage having moved
/// past an activation means another activation wrote: this one must not answer from its state.
/// </summary>
public sealed class StateCheckSchedule(ClusterDisturbances disturbances, TimeProvider clock, CounterOptions options)
{
    private long _checkedEpoch = disturbances.Epoch;
    private DateTimeOffset _checkedAt = clock.GetUtcNow();

    /// <summary>True when a read must check storage first.</summary>
    public bool IsDue
    {
        get
        {
            if (disturbances.Epoch != _checkedEpoch)
            {
                return true;
            }

            var now = clock.GetUtcNow();
            var disturbed = disturbances.LastAt is { } last && now - last < options.DisturbanceWindow;
            var interval = disturbed ? options.StateCheckIntervalAfterDisturbance : options.StateCheckInterval;
            return now - _checkedAt >= interval;
        }
    }

    /// <summary>The disturbance epoch to pass to <see cref="Checked"/> when a check starts.</summary>
    public long CurrentEpoch => disturbances.Epoch;

    /// <summary>Records a check that started at <paramref name="epoch"/>; a disturbance seen during it calls for another.</summary>
    public void Checked(long epoch)
    {
        _checkedEpoch = epoch;
        _checkedAt = clock.GetUtcNow();
    }
}
