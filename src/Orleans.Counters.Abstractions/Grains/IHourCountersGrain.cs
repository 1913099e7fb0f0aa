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
    /// Applies several messages of one source in one call, in order, each as <see cref="ApplyAsync"/> would:
    /// those at or below the last applied position are dropped. All name the same activation; when another one
    /// answers, none is applied (<see cref="HourApplyOutcome.Reincarnated"/>). Answers for the last one.
    /// </summary>
    Task<HourApplyResult> ApplyAllAsync(ImmutableArray<GroupIncrement> increments);

    /// <summary>
    /// The position of the last message from <paramref name="source"/> that this hour has
    /// persisted, or null, and the activation answering: a stream message may be acknowledged once
    /// every hour it touched has persisted it.
    /// </summary>
    [ReadOnly]
    Task<PersistedPosition> GetPersistedPositionAsync(string source);

    /// <summary>
    /// From now on passes this hour's counts on to the hours of <paramref name="to"/> that share its minutes, as
    /// layers (<see cref="Zones.ZoneLayer"/>), again after every change; returns once they took the present counts.
    /// An hour that passes its counts on already keeps the zone it had.
    /// </summary>
    Task RebucketAsync(Zones.ZoneTarget to);

    /// <summary>
    /// Takes the latest layer of an hour of the account's former zone, replacing the one it had from that hour,
    /// written before it answers; refused (not taken, with the version held) for a layer no newer than that one.
    /// </summary>
    Task<ReportReceipt> TakeLayerAsync(Zones.ZoneLayer layer);
}
