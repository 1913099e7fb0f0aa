using System.Collections.Immutable;
using Orleans.Counters.Grains;

namespace Orleans.Counters.Abstractions.Tests;

/// <summary>Top lists of one grain and of a period's shards, with their overflow series.</summary>
public sealed class TopSeriesTests
{
    private static readonly SeriesId Other = new("pageview", SeriesId.Overflow);

    [Fact]
    public void OneGrainAnswersItsLargestAndItsOverflowSeriesWhateverItsRankButNotInDistinct()
    {
        var top = TopSeries.Of([Total("/a", 9), Total("/b", 5), Total("/c", 0), new SeriesTotal(Other, 1), Total("/d", 3)], limit: 2);

        Assert.Equal([Total("/a", 9), Total("/b", 5), new SeriesTotal(Other, 1)], top.Top.AsEnumerable());
        Assert.Equal(3, top.Distinct);
    }

    [Fact]
    public void TheShardsOverflowSeriesAddUpIntoOneItemRankedWithTheOthers()
    {
        TopSeries[] shards =
        [
            TopSeries.Of([Total("/a", 9), new SeriesTotal(Other, 2) { Bots = 1, Sum = 1.5m }], limit: 2),
            TopSeries.Of([Total("/b", 6), new SeriesTotal(Other, 3) { Sum = 2m }], limit: 2),
            TopSeries.Of([Total("/c", 4), new SeriesTotal(Other, 2)], limit: 2),
            TopSeries.Of([Total("/d", 1)], limit: 2),
        ];

        var merged = TopSeries.Merge(shards, limit: 3);

        Assert.Equal([Total("/a", 9), new SeriesTotal(Other, 7) { Bots = 1, Sum = 3.5m }, Total("/b", 6)], merged.Top.AsEnumerable());
        Assert.Equal(4, merged.Distinct);
    }

    [Fact]
    public void ReferrersRankWithTheirOverflowSeriesAndUrlsWithTheirs()
    {
        Assert.True(TopSeries.Ranks(TopDimension.Url, Other));
        Assert.True(TopSeries.Ranks(TopDimension.Url, new SeriesId("pageview", "/a")));
        Assert.False(TopSeries.Ranks(TopDimension.Url, new SeriesId("pageview", SeriesKey.AllUrls)));
        Assert.False(TopSeries.Ranks(TopDimension.Url, SeriesId.OfReferrer("pageview", SeriesId.Overflow)));
        Assert.True(TopSeries.Ranks(TopDimension.Referrer, SeriesId.OfReferrer("pageview", SeriesId.Overflow)));
        Assert.False(TopSeries.Ranks(TopDimension.Referrer, Other));
        Assert.Equal(SeriesId.OfReferrer("click", SeriesId.Overflow), SeriesId.OverflowOf(SeriesId.OfReferrer("click", "google.com")));
        Assert.Equal(new SeriesId("click", SeriesId.Overflow), SeriesId.OverflowOf(new SeriesId("click", "/x")));
    }

    [Fact]
    public void APropertysValuesRankAmongThemselvesWithTheirOverflowSeries()
    {
        var pro = SeriesId.OfProperty("pageview", "plan", "pro");
        var other = SeriesId.OverflowOf(pro);
        var byPlan = TopDimension.OfProperty("plan");

        Assert.Equal(("plan", "pro", true, false), (pro.Property, pro.Value, pro.IsProperty, pro.IsUrl));
        Assert.Equal(("plan", SeriesId.Overflow, true), (other.Property, other.Value, other.IsOverflow));
        Assert.True(TopSeries.Ranks(byPlan, pro));
        Assert.True(TopSeries.Ranks(byPlan, other));
        Assert.False(TopSeries.Ranks(byPlan, SeriesId.OfProperty("pageview", "planet", "pro")));
        Assert.False(TopSeries.Ranks(TopDimension.Url, pro));
        Assert.False(TopSeries.Ranks(TopDimension.Referrer, pro));
        Assert.Equal("prop:plan", byPlan.Name);
        Assert.Equal("plan", byPlan.Property);
        Assert.Null(TopDimension.Referrer.Property);
    }

    [Fact]
    public void ANameOrValueHoldingTheCharactersOfTheApiStaysApart()
    {
        var series = SeriesId.OfProperty("pageview", "a=b:c", "x=y");

        Assert.Equal(("a=b:c", "x=y"), (series.Property, series.Value));
        Assert.NotEqual(SeriesId.OfProperty("pageview", "a", "b=x"), SeriesId.OfProperty("pageview", "a=b", "x"));
    }

    private static SeriesTotal Total(string url, long total) => new(new SeriesId("pageview", url), total);
}
