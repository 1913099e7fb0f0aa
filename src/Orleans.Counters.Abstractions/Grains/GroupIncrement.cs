namespace Orleans.Counters.Grains;

/// <summary>
/// The events one stream message adds to one hour's counters, pre-aggregated per series and minute.
/// The hour applies it at most once: it ignores a position at or below the last one it applied
/// from the same source. A sender that still waits for the hour to persist earlier messages names
/// the activation it sent them to: another activation may have lost them, and refuses (see
/// <see cref="HourApplyResult"/>).
/// </summary>
/// <param name="Source">The stream the message came from (its account).</param>
/// <param name="Position">The message's place in that stream.</param>
/// <param name="Series">What to add, one entry per touched series.</param>
/// <param name="Incarnation">The activation of the hour that holds this source's unpersisted messages; null when none does.</param>
/// <param name="RebucketTo">
/// For a message counted in a zone its account has left since (it was published before the change): the zone
/// the hour passes its counts on to (<see cref="IHourCountersGrain.RebucketAsync"/>); null otherwise.
/// </param>
[GenerateSerializer, Immutable, Alias("counters.group-increment")]
public sealed record GroupIncrement(
    [property: Id(0)] string Source,
    [property: Id(1)] StreamPosition Position,
    [property: Id(2)] ImmutableArray<SeriesMinutes> Series,
    [property: Id(3)] Guid? Incarnation = null,
    [property: Id(4)] Zones.ZoneTarget? RebucketTo = null);
