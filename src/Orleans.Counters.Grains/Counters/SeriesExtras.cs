using Orleans.Counters.Uniques;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// What a series counts beside its events, for the few series that have any: the bots' events and the
/// sums of values per segment, and the distinct users over the whole period. Kept apart from the
/// counts so that a series without them costs no more than its counts.
/// </summary>
[GenerateSerializer, Alias("counters.series-extras")]
public sealed class SeriesExtras
{
    /// <summary>The bots' events per segment; null while there are none.</summary>
    [Id(0)] public long[]? Bots { get; set; }

    /// <summary>The sums of the counted events' values per segment; null while no event had a value.</summary>
    [Id(1)] public decimal[]? Sums { get; set; }

    /// <summary>The distinct users of the counted events; null while no event had a user.</summary>
    [Id(2)] public UserSketch? Users { get; set; }

    /// <summary>The bots' events per segment, allocated on first use.</summary>
    public long[] BotsToChange(int segments) => Bots ??= new long[segments];

    /// <summary>The sums per segment, allocated on first use.</summary>
    public decimal[] SumsToChange(int segments) => Sums ??= new decimal[segments];

    /// <summary>The users, created on first use.</summary>
    public UserSketch UsersToChange() => Users ??= new UserSketch();
}
