using Orleans.Counters.Series;

namespace Orleans.Counters.Grains;

/// <summary>The URL or referrer series of one event type with the largest totals in a period, largest first, and how many there are in all.</summary>
/// <param name="Top">At most the number asked for; ties in URL (or referrer) order.</param>
/// <param name="Distinct">How many URLs (or referrers) of the type have a count in the period.</param>
[GenerateSerializer, Immutable, Alias("counters.top-series")]
public sealed record TopSeries([property: Id(0)] ImmutableArray<SeriesTotal> Top, [property: Id(1)] int Distinct)
{
    /// <summary>Orders by total, largest first, then by URL or referrer (ordinal).</summary>
    public static IComparer<SeriesTotal> LargestFirst { get; } = Comparer<SeriesTotal>.Create((a, b) =>
        a.Total != b.Total ? b.Total.CompareTo(a.Total) : string.CompareOrdinal(a.Series.Url, b.Series.Url));
}
