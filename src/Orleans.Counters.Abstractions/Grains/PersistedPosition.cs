namespace Orleans.Counters.Grains;

/// <summary>What an hour has persisted of one source, and which activation answers.</summary>
/// <param name="Incarnation">The hour's current activation: a sender that applied messages to another one must re-apply those this one lacks.</param>
/// <param name="Position">The last persisted position of the source, or null.</param>
[GenerateSerializer, Immutable, Alias("counters.persisted-position")]
public sealed record PersistedPosition(
    [property: Id(0)] Guid Incarnation,
    [property: Id(1)] StreamPosition? Position);
