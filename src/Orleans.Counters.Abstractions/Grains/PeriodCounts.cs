namespace Orleans.Counters.Grains;

/// <summary>A period's count per segment (0-based) and in total.</summary>
[GenerateSerializer, Immutable, Alias("counters.period-counts")]
public sealed record PeriodCounts([property: Id(0)] ImmutableArray<long> Segments, [property: Id(1)] long Total)
{
    /// <summary>The sum of segments [first, end).</summary>
    public long Sum(int first, int end)
    {
        long sum = 0;
        for (var i = first; i < end; i++)
        {
            sum += Segments[i];
        }

        return sum;
    }
}
