namespace Orleans.Counters.Grains;

/// <summary>What an hour did with a <see cref="GroupIncrement"/>.</summary>
/// <param name="Outcome">Applied, ignored as a replay, or refused.</param>
/// <param name="Incarnation">The hour's current activation.</param>
/// <param name="Last">The last position the hour holds from the increment's source, or null.</param>
[GenerateSerializer, Immutable, Alias("counters.hour-apply-result")]
public sealed record HourApplyResult(
    [property: Id(0)] HourApplyOutcome Outcome,
    [property: Id(1)] Guid Incarnation,
    [property: Id(2)] StreamPosition? Last);
