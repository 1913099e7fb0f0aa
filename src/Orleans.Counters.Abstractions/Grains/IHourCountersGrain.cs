namespace Orleans.Counters.Grains;

/// <summary>An hour's counters: 60 minute segments per series, fed by the ingest grains.</summary>
public interface IHourCountersGrain : ICountersGrain
{
    /// <summary>
    /// Adds a message's per-minute counts, unless that message was applied already, or the increment
    /// names another activation of this hour (<see cref="HourApplyOutcome.Reincarnated"/>).
    /// </summary>
    Task<HourApplyResult> ApplyAsync(GroupIncrement increment);

    /// <summary>
    /// The position of the last message from <paramref name="source"/> that this hour has
    /// persisted, or null, and the activation answering: a stream message may be acknowledged once
    /// every hour it touched has persisted it.
    /// </summary>
    [ReadOnly]
    Task<PersistedPosition> GetPersistedPositionAsync(string source);
}
