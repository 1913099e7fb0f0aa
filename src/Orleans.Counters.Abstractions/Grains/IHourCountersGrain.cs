namespace Orleans.Counters.Grains;

/// <summary>An hour's counters: 60 minute segments per series, fed by the ingest grains.</summary>
public interface IHourCountersGrain : ICountersGrain
{
    /// <summary>Adds a message's per-minute counts, unless that message was applied already.</summary>
    /// <returns>True when applied; false when ignored as a replay.</returns>
    Task<bool> ApplyAsync(GroupIncrement increment);

    /// <summary>
    /// The position of the last message from <paramref name="source"/> that this hour has
    /// persisted, or null: a stream message may be acknowledged once every hour it touched has
    /// persisted it.
    /// </summary>
    [ReadOnly]
    Task<StreamPosition?> GetPersistedPositionAsync(string source);
}
