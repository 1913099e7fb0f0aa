namespace Orleans.Counters.Grains;

/// <summary>
/// A period's count per segment (0-based) and in total, with what is counted beside it: the bots'
/// events, the sum of the values, and the distinct users.
/// </summary>
[GenerateSerializer, Immutable, Alias("counters.period-counts")]
public sealed record PeriodCounts([property: Id(0)] ImmutableArray<long> Segments, [property: Id(1)] long Total)
{
    /// <summary>The events whose user agent is a crawler's, kept out of <see cref="Total"/>.</summary>
    [Id(2)] public long Bots { get; init; }

    /// <summary>The sum of the counted events' values.</summary>
    [Id(3)] public decimal Sum { get; init; }

    /// <summary>The bots' events per segment; empty when there are none.</summary>
    [Id(5)] public ImmutableArray<long> BotSegments { get; init; } = [];

    /// <summary>The sums of values per segment; empty when no event had a value.</summary>
    [Id(6)] public ImmutableArray<decimal> SumSegments { get; init; } = [];

    /// <summary>How many distinct users the counted events came from: exact while few, then estimated (see docs/uniques.md).</summary>
    [Id(4)] public long Uniques { get; init; }

    /// <summary>Zero counts in each of <paramref name="segments"/> segments: what a period that cannot hold counts holds.</summary>
    public static PeriodCounts Zero(int segments) => new(ImmutableArray.Create(new long[segments]), 0);

    /// <summary>The count in segments [first, end).</summary>
    public long CountIn(int first, int end)
    {
        long sum = 0;
        for (var i = first; i < end; i++)
        {
            sum += Segments[i];
        }

        return sum;
    }

    /// <summary>The bots' events in segments [first, end).</summary>
    public long BotsIn(int first, int end)
    {
        long sum = 0;
        for (var i = first; i < end && !BotSegments.IsEmpty; i++)
        {
            sum += BotSegments[i];
        }

        return sum;
    }

    /// <summary>The sum of values in segments [first, end).</summary>
    public decimal SumIn(int first, int end)
    {
        decimal sum = 0;
        for (var i = first; i < end && !SumSegments.IsEmpty; i++)
        {
            sum += SumSegments[i];
        }

        return sum;
    }
}
