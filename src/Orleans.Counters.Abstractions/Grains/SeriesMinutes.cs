using Orleans.Counters.Series;

namespace Orleans.Counters.Grains;

/// <summary>
/// What a message adds to one series of an hour: one entry per touched minute, for the events
/// counted and apart for the bots'; the sums of the events' values; and the users seen, as hashes.
/// </summary>
[GenerateSerializer, Immutable, Alias("counters.series-minutes")]
public sealed record SeriesMinutes([property: Id(0)] SeriesId Series, [property: Id(1)] ImmutableArray<MinuteCount> Minutes)
{
    /// <summary>The events whose user agent is a crawler's, per minute; not in <see cref="Minutes"/>.</summary>
    [Id(2)] public ImmutableArray<MinuteCount> Bots { get; init; } = [];

    /// <summary>The sums of the counted events' values, per minute; only minutes with a value.</summary>
    [Id(3)] public ImmutableArray<MinuteSum> Sums { get; init; } = [];

    /// <summary>The hashes of the counted events' users (see <c>UserSketch</c>), each once.</summary>
    [Id(4)] public ImmutableArray<ulong> Users { get; init; } = [];
}
