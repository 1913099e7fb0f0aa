using Orleans.Counters.Series;
using Orleans.Counters.Uniques;

namespace Orleans.Counters.Grains;

/// <summary>The URL, referrer or property value series of one event type with the largest totals in a period, largest first, and how many there are in all.</summary>
/// <param name="Top">
/// At most the number asked for; ties in URL (or referrer) order. From one counter grain, its overflow
/// series (<see cref="SeriesId.Overflow"/>) comes beyond that number, so that the shards' overflow
/// series add up whatever their rank (see <see cref="Merge"/>).
/// </param>
/// <param name="Distinct">How many URLs (or referrers) of the type have a count of their own in the period; the overflow series is none.</param>
[GenerateSerializer, Immutable, Alias("counters.top-series")]
public sealed record TopSeries([property: Id(0)] ImmutableArray<SeriesTotal> Top, [property: Id(1)] int Distinct)
{
    /// <summary>Orders by total, largest first, then by URL or referrer (ordinal).</summary>
    public static IComparer<SeriesTotal> LargestFirst { get; } = Comparer<SeriesTotal>.Create((a, b) =>
        a.Total != b.Total ? b.Total.CompareTo(a.Total) : string.CompareOrdinal(a.Series.Url, b.Series.Url));

    /// <summary>True when <paramref name="series"/> is ranked in a top list <paramref name="by"/>: a URL's (a referrer's, a property value's) series, or their overflow series.</summary>
    public static bool Ranks(TopDimension by, SeriesId series) => by == TopDimension.Url ? series.IsUrlOrOverflow : series.Dimension == by;

    /// <summary>One grain's answer: the <paramref name="limit"/> largest of its series with a count, and its overflow series if it has a count.</summary>
    public static TopSeries Of(IEnumerable<SeriesTotal> totals, int limit)
    {
        var counted = totals.Where(total => total.Total != 0).ToList();
        var overflow = counted.FindAll(total => total.Series.IsOverflow);
        counted.RemoveAll(total => total.Series.IsOverflow);
        counted.Sort(LargestFirst);
        return new TopSeries([.. counted.Take(limit), .. overflow], counted.Count);
    }

    /// <summary>
    /// The answers of the grains that share a period (one per shard) as one: a URL or referrer lives in
    /// one shard, so the largest of each hold the largest of all; each shard has an overflow series of its
    /// own, which are added up into one.
    /// </summary>
    public static TopSeries Merge(IReadOnlyCollection<TopSeries> shards, int limit)
    {
        var merged = shards.SelectMany(shard => shard.Top).ToList();
        var overflow = merged.FindAll(total => total.Series.IsOverflow);
        merged.RemoveAll(total => total.Series.IsOverflow);
        if (overflow.Count > 0)
        {
            merged.Add(Add(overflow));
        }

        merged.Sort(LargestFirst);
        return new TopSeries([.. merged.Take(limit)], shards.Sum(shard => shard.Distinct));
    }

    private static SeriesTotal Add(IReadOnlyList<SeriesTotal> parts)
    {
        UserSketch? users = null;
        foreach (var sketch in parts.Select(part => part.Users).OfType<UserSketch>())
        {
            (users ??= new UserSketch()).Merge(sketch);
        }

        return new SeriesTotal(parts[0].Series, parts.Sum(part => part.Total))
        {
            Bots = parts.Sum(part => part.Bots),
            Sum = parts.Sum(part => part.Sum),
            Users = users,
        };
    }
}
