namespace Orleans.Counters.Grains;

/// <summary>
/// The events one stream message adds to one hour counter, pre-aggregated per minute.
/// The hour grain applies it at most once: it ignores a position at or below the last one
/// it applied from the same source.
/// </summary>
/// <param name="Source">The stream the message came from (its account).</param>
/// <param name="Position">The message's place in that stream.</param>
/// <param name="Minutes">The counts to add, one entry per touched minute.</param>
[GenerateSerializer, Immutable, Alias("counters.hour-increment")]
public sealed record HourIncrement(
    [property: Id(0)] string Source,
    [property: Id(1)] StreamPosition Position,
    [property: Id(2)] ImmutableArray<MinuteCount> Minutes);
