using Orleans.Counters.Grains.Counters;

namespace Orleans.Counters.Grains.Tests;

/// <summary>Which series an hour keeps once it holds its most URL or referrer series: the decision alone, without a cluster.</summary>
public sealed class SeriesCapTests
{
    private static readonly SeriesId[] Urls = [.. Enumerable.Range(0, 5).Select(i => new SeriesId("pageview", $"/{i}"))];
    private static readonly SeriesId UrlOverflow = new("pageview", SeriesId.Overflow);

    [Fact]
    public void NewUrlsPastTheCapHaveNoRoomAndHeldOnesAreNotAskedAbout()
    {
        var cap = new SeriesCap(maxUrls: 2, maxReferrers: 1, maxPropertyValues: 1, held: []);
        var held = new HashSet<SeriesId>();

        Assert.Equal([Urls[0], Urls[1]], cap.NewWithRoom([Urls[0], Urls[1], Urls[2]], held.Contains).AsEnumerable());
        HoldAll(cap, held, Urls[0], Urls[1]);

        Assert.Empty(cap.NewWithRoom([Urls[2]], held.Contains));
        Assert.Empty(cap.NewWithRoom([Urls[0]], held.Contains));
        Assert.Empty(cap.NewWithRoom([new SeriesId("click", "/0")], held.Contains));
    }

    [Fact]
    public void TheAllUrlSeriesTheOverflowSeriesAndReferrersDoNotCountAgainstTheUrlCap()
    {
        var cap = new SeriesCap(maxUrls: 1, maxReferrers: 1, maxPropertyValues: 1, held: []);
        var held = new HashSet<SeriesId>();
        var google = SeriesId.OfReferrer("pageview", "google.com");
        var allUrls = new SeriesId("pageview", SeriesKey.AllUrls);

        Assert.Equal([google, Urls[0]], cap.NewWithRoom([allUrls, UrlOverflow, google, Urls[0]], held.Contains).AsEnumerable());
        HoldAll(cap, held, allUrls, UrlOverflow, google, Urls[0]);

        Assert.Empty(cap.NewWithRoom([SeriesId.OfReferrer("pageview", "bing.com"), Urls[1]], held.Contains));
    }

    [Fact]
    public void PropertyValuesHaveACapOfTheirOwn_OverAllProperties()
    {
        var cap = new SeriesCap(maxUrls: 1, maxReferrers: 1, maxPropertyValues: 2, held: []);
        var held = new HashSet<SeriesId>();
        var pro = SeriesId.OfProperty("pageview", "plan", "pro");
        var google = SeriesId.OfProperty("pageview", "utm_source", "google");
        var free = SeriesId.OfProperty("pageview", "plan", "free");

        Assert.Equal([Urls[0], pro, google], cap.NewWithRoom([Urls[0], pro, google, free, SeriesId.OverflowOf(free)], held.Contains).AsEnumerable());
        HoldAll(cap, held, Urls[0], pro, google);

        Assert.Empty(cap.NewWithRoom([free], held.Contains));
        Assert.Equal(SeriesId.OfProperty("pageview", "plan", SeriesId.Overflow), SeriesId.OverflowOf(free));
    }

    [Fact]
    public void NewWithRoomTakesTheSeriesTogetherAndChangesNothing()
    {
        var cap = new SeriesCap(maxUrls: 2, maxReferrers: 1, maxPropertyValues: 1, held: []);

        Assert.Equal([Urls[0], Urls[1]], cap.NewWithRoom(Urls, _ => false).AsEnumerable());
        Assert.Equal([Urls[3], Urls[4]], cap.NewWithRoom(Urls[3..], _ => false).AsEnumerable());
    }

    [Fact]
    public void ACapMadeFromTheSeriesHeldDecidesAsTheOneThatMadeThem()
    {
        var first = new SeriesCap(maxUrls: 3, maxReferrers: 1, maxPropertyValues: 1, held: []);
        var held = new HashSet<SeriesId>();
        HoldAll(first, held, [.. first.NewWithRoom(Urls[..2], held.Contains)]);

        held.Add(UrlOverflow);
        held.Add(SeriesId.OfReferrer("pageview", SeriesId.Overflow));
        var again = new SeriesCap(maxUrls: 3, maxReferrers: 1, maxPropertyValues: 1, held);

        Assert.Equal([Urls[2]], first.NewWithRoom(Urls[2..], held.Contains).AsEnumerable());
        Assert.Equal([Urls[2]], again.NewWithRoom(Urls[2..], held.Contains).AsEnumerable());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(10_000, 2_500)]
    public void EachShardKeepsItsShareOfTheAccountsCapRoundedUp(int perAccount, int perGroup) =>
        Assert.Equal(perGroup, SeriesCap.PerGroup(perAccount));

    // What the hour does with the series it was let keep: counts them as held, in its cap and in its state.
    private static void HoldAll(SeriesCap cap, HashSet<SeriesId> held, params SeriesId[] series)
    {
        foreach (var one in series)
        {
            cap.Hold(one);
            held.Add(one);
        }
    }
}
