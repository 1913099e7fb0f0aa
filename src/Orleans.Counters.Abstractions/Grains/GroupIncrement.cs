namespace Orleans.Counters.Grains;

/// <summary>
/// The events one stream message adds to one hour's counters, pre-aggregated per series and minute.
/// The hour applies it at most once: it ignores a position at or below the last one it applied
/// from the same source.
/// </summary>
/// <param name="Source">The stream the message came from (its account).</param>
/// <param name="Position">The message's place in that stream.</param>
/// <param name="Series">What to add, one entry per touched series.</param>
[GenerateSerializer, Immutable, Alias("counters.group-increment")]
public sealed record GroupIncrement(
    [property: Id(0)] string Source,
    [property: Id(1)] StreamPosition Position,
    [property: Id(2)] ImmutableArray<SeriesMinutes> Series);
