namespace Orleans.Counters.Grains.Counters;

/// <summary>One series' counts per segment, with its extras if it has any: what reads and reports are made of.</summary>
/// <param name="Counts">The events counted per segment.</param>
/// <param name="Extras">The bots' events, sums and users; null for a series without them.</param>
public readonly record struct SeriesCounts(long[] Counts, SeriesExtras? Extras)
{
    /// <summary>A series' counts and extras as <paramref name="state"/> holds them; the state must hold the series.</summary>
    public static SeriesCounts Of(CountersState state, SeriesId series) => Of(state, series, state.Series[series]);

    /// <summary>A series' <paramref name="counts"/>, with its extras as <paramref name="state"/> holds them.</summary>
    public static SeriesCounts Of(CountersState state, SeriesId series, long[] counts) => new(counts, state.Extras.GetValueOrDefault(series));

    /// <summary>The whole period's totals, with <paramref name="series"/> named. The users are a copy.</summary>
    public SeriesTotal Totals(SeriesId series) => new(series, Add(Counts))
    {
        Bots = Extras?.Bots is { } bots ? Add(bots) : 0,
        Sum = Extras?.Sums is { } sums ? sums.Sum() : 0,
        Users = Extras?.Users?.Clone(),
    };

    /// <summary>The answer to a read: counts per segment and the totals.</summary>
    public PeriodCounts ToPeriodCounts() => new(ImmutableArray.Create(Counts), Add(Counts))
    {
        Bots = Extras?.Bots is { } bots ? Add(bots) : 0,
        Sum = Extras?.Sums is { } sums ? sums.Sum() : 0,
        Uniques = Extras?.Users?.Estimate() ?? 0,
        BotSegments = Extras?.Bots is { } botSegments ? ImmutableArray.Create(botSegments) : [],
        SumSegments = Extras?.Sums is { } sumSegments ? ImmutableArray.Create(sumSegments) : [],
    };

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
