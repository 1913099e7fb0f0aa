using Orleans.Counters.Series;
using Orleans.Counters.Uniques;

namespace Orleans.Counters.Grains;

/// <summary>A series' whole count in a child period, and what is counted beside it.</summary>
[GenerateSerializer, Immutable, Alias("counters.series-total")]
public readonly record struct SeriesTotal([property: Id(0)] SeriesId Series, [property: Id(1)] long Total)
{
    /// <summary>The events whose user agent is a crawler's, kept out of <see cref="Total"/>.</summary>
    [Id(2)] public long Bots { get; init; }

    /// <summary>The sum of the counted events' values.</summary>
    [Id(3)] public decimal Sum { get; init; }

    /// <summary>The distinct users of the counted events; null when none had a user. A copy: nothing changes it.</summary>
    [Id(4)] public UserSketch? Users { get; init; }
}
