namespace Orleans.Counters.Grains.Fencing;

/// <summary>
/// What this silo has seen that can leave a grain activated twice: membership changes (a silo
/// joined, left or was declared dead, so grain directory ranges moved) and storage failures. Counter
/// activations check their state against storage before answering when one happened since their
/// last check, and more often for a while after it (<see cref="StateCheckSchedule"/>).
/// </summary>
public sealed class ClusterDisturbances(TimeProvider clock)
{
    private long _epoch;
    private long _lastAtTicks;

    /// <summary>Grows with every disturbance.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>When the last disturbance was seen; null when none was.</summary>
    public DateTimeOffset? LastAt => Interlocked.Read(ref _lastAtTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Records a disturbance now.</summary>
    public void Record()
    {
        Interlocked.Exchange(ref _lastAtTicks, clock.GetUtcNow().UtcTicks);
        Interlocked.Increment(ref _epoch);
    }
}
