using Orleans.Counters.Uniques;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// One series' counts in a group, per segment: the events counted, the bots' events and the sums of
/// values; and the distinct users over the whole period. All but the counts are allocated only once a
/// series has one: most series never do.
/// </summary>
[GenerateSerializer, Alias("counters.series-counts")]
public sealed class SeriesCounts
{
    /// <summary>The events counted per segment.</summary>
    [Id(0)] public long[] Counts { get; set; } = [];

    /// <summary>The bots' events per segment; null while there are none.</summary>
    [Id(1)] public long[]? Bots { get; set; }

    /// <summary>The sums of the counted events' values per segment; null while no event had a value.</summary>
    [Id(2)] public decimal[]? Sums { get; set; }

    /// <summary>The distinct users of the counted events; null while no event had a user.</summary>
    [Id(3)] public UserSketch? Users { get; set; }

    /// <summary>An empty series of <paramref name="segments"/> segments.</summary>
    public static SeriesCounts Empty(int segments) => new() { Counts = new long[segments] };

    /// <summary>The bots' events per segment, allocated on first use.</summary>
    public long[] BotsToChange() => Bots ??= new long[Counts.Length];

    /// <summary>The sums per segment, allocated on first use.</summary>
    public decimal[] SumsToChange() => Sums ??= new decimal[Counts.Length];

    /// <summary>The users, created on first use.</summary>
    public UserSketch UsersToChange() => Users ??= new UserSketch();

    /// <summary>The whole period's totals, with <paramref name="series"/> named.</summary>
    public SeriesTotal Totals(SeriesId series) => new(series, Add(Counts))
    {
        Bots = Bots is null ? 0 : Add(Bots),
        Sum = Sums is null ? 0 : Sums.Sum(),
        Users = Users?.Clone(),
    };

    /// <summary>The answer to a read: counts per segment and the totals.</summary>
    public PeriodCounts ToPeriodCounts()
    {
        return new PeriodCounts(ImmutableArray.Create(Counts), Add(Counts))
        {
            Bots = Bots is null ? 0 : Add(Bots),
            Sum = Sums is null ? 0 : Sums.Sum(),
            Uniques = Users?.Estimate() ?? 0,
            BotSegments = Bots is null ? [] : ImmutableArray.Create(Bots),
            SumSegments = Sums is null ? [] : ImmutableArray.Create(Sums),
        };
    }

    private static long Add(long[] segments)
    {
        long total = 0;
        foreach (var count in segments)
        {
            total += count;
        }

        return total;
    }
}
