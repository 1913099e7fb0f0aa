using Orleans.Counters.Grains.Counters;

namespace Orleans.Counters.Grains.Tests;

/// <summary>Which series an hour keeps once it holds its most URL or referrer series: the decision alone, without a cluster.</summary>
public sealed class SeriesCapTests
{
    private static readonly SeriesId[] Urls = [.. Enumerable.Range(0, 5).Select(i => new SeriesId("pageview", $"/{i}"))];
    private static readonly SeriesId UrlOverflow = new("pageview", SeriesId.Overflow);

    [Fact]
    public void NewUrlsPastTheCapGoToTheirTypesOverflowSeriesAndHeldOnesStay()
    {
        var cap = new SeriesCap(maxUrls: 2, maxReferrers: 1, held: []);

        Assert.Equal(Urls[0], cap.Place(Urls[0], isHeld: false));
        Assert.Equal(Urls[1], cap.Place(Urls[1], isHeld: false));
        Assert.Equal(UrlOverflow, cap.Place(Urls[2], isHeld: false));
        Assert.Equal(Urls[0], cap.Place(Urls[0], isHeld: true));
        Assert.Equal(new SeriesId("click", SeriesId.Overflow), cap.Place(new SeriesId("click", "/0"), isHeld: false));
    }

    [Fact]
    public void TheAllUrlSeriesTheOverflowSeriesAndReferrersDoNotCountAgainstTheUrlCap()
    {
        var cap = new SeriesCap(maxUrls: 1, maxReferrers: 1, held: []);
        var google = SeriesId.OfReferrer("pageview", "google.com");

        Assert.Equal(new SeriesId("pageview", SeriesKey.AllUrls), cap.Place(new SeriesId("pageview", SeriesKey.AllUrls), isHeld: false));
        Assert.Equal(UrlOverflow, cap.Place(UrlOverflow, isHeld: false));
        Assert.Equal(google, cap.Place(google, isHeld: false));
        Assert.Equal(Urls[0], cap.Place(Urls[0], isHeld: false));
        Assert.Equal(SeriesId.OfReferrer("pageview", SeriesId.Overflow), cap.Place(SeriesId.OfReferrer("pageview", "bing.com"), isHeld: false));
        Assert.Equal(UrlOverflow, cap.Place(Urls[1], isHeld: false));
    }

    [Fact]
    public void ACapMadeFromTheSeriesHeldDecidesAsTheOneThatMadeThem()
    {
        var first = new SeriesCap(maxUrls: 3, maxReferrers: 1, held: []);
        var held = new List<SeriesId>();
        foreach (var url in Urls[..2])
        {
            held.Add(first.Place(url, isHeld: false));
        }

        held.Add(UrlOverflow);
        held.Add(SeriesId.OfReferrer("pageview", SeriesId.Overflow));
        var again = new SeriesCap(maxUrls: 3, maxReferrers: 1, held);

        Assert.Equal([Urls[2], UrlOverflow, UrlOverflow], Urls[2..].Select(url => first.Place(url, isHeld: false)));
        Assert.Equal([Urls[2], UrlOverflow, UrlOverflow], Urls[2..].Select(url => again.Place(url, isHeld: false)));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(10_000, 2_500)]
    public void EachShardKeepsItsShareOfTheAccountsCapRoundedUp(int perAccount, int perGroup) =>
        Assert.Equal(perGroup, SeriesCap.PerGroup(perAccount));
}
