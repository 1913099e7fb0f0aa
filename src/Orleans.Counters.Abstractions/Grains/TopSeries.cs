using Orleans.Counters.Series;

namespace Orleans.Counters.Grains;

/// <summary>The URL series of one event type with the largest totals in a period, largest first, and how many there are in all.</summary>
/// <param name="Top">At most the number asked for; ties in URL order.</param>
/// <param name="Distinct">How many URLs of the type have a count in the period.</param>
[GenerateSerializer, Immutable, Alias("counters.top-series")]
public sealed record TopSeries([property: Id(0)] ImmutableArray<SeriesTotal> Top, [property: Id(1)] int Distinct)
{
    /// <summary>Orders by total, largest first, then by URL (ordinal).</summary>
    public static IComparer<SeriesTotal> LargestFirst { get; } = Comparer<SeriesTotal>.Create((a, b) =>
        a.Total != b.Total ? b.Total.CompareTo(a.Total) : string.CompareOrdinal(a.Series.Url, b.Series.Url));
}
