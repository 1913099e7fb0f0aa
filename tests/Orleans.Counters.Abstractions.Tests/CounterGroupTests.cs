namespace Orleans.Counters.Abstractions.Tests;

public sealed class CounterGroupTests
{
    [Fact]
    public void ToString_JoinsAccountPeriodAndShardWithBars() =>
        Assert.Equal("acme|2024-02-29T16|3", new CounterGroup("acme", Period.Hour(2024, 2, 29, 16), 3).ToString());

    [Theory]
    [InlineData("acme|2024|0")]
    [InlineData("all|2024-02|1")]
    [InlineData("a.b_c-d|2024-02-29|2")]
    [InlineData("acme|2024-02-29T16|3")]
    public void Parse_ReadsBackWhatToStringWrote(string key)
    {
        var group = CounterGroup.Parse(key);

        Assert.Equal(key, group.ToString());
        Assert.Equal(group, CounterGroup.Parse(group.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("acme")]
    [InlineData("acme|2024")]
    [InlineData("|2024|0")]
    [InlineData("acme|2024|4")]
    [InlineData("acme|2024|-1")]
    [InlineData("acme|2024|0|1")]
    [InlineData("acme|yesterday|0")]
    [InlineData("acme|2024-02-30|0")]
    public void Parse_RefusesWhatIsNotAGroupKey(string key) => Assert.Throws<FormatException>(() => CounterGroup.Parse(key));

    [Fact]
    public void ShardOf_IsStableAcrossProcesses()
    {
        // Pinned values (FNV-1a mod 4, computed independently): silos and gateways of different builds must agree on them.
        Assert.Equal(1, CounterGroup.ShardOf(SeriesKey.AllUrls));
        Assert.Equal(CounterGroup.ShardOf("/pricing"), CounterGroup.ShardOf(new string("/pricing".ToCharArray())));
        Assert.Equal(
            [2, 0, 3, 3],
            new[] { "/", "/pricing", "/a|b", "/café" }.Select(CounterGroup.ShardOf));
    }

    [Fact]
    public void ShardOf_SpreadsUrlsOverEveryShard()
    {
        var perShard = Enumerable.Range(0, 10_000).Select(i => $"/page/{i}").CountBy(CounterGroup.ShardOf).ToDictionary();

        Assert.Equal(CounterGroup.ShardCount, perShard.Count);
        Assert.All(perShard.Values, count => Assert.InRange(count, 2_000, 3_000));
    }

    [Fact]
    public void Of_PutsASeriesInItsAccountAndUrlShard()
    {
        var series = new SeriesKey("acme", "pageview", "/pricing");
        var day = Period.Day(2024, 2, 29);

        Assert.Equal(new CounterGroup("acme", day, CounterGroup.ShardOf("/pricing")), CounterGroup.Of(series, day));
        Assert.Equal(new SeriesId("pageview", "/pricing"), series.Id);
    }

    [Fact]
    public void ParentAndChild_StayInTheSameAccountAndShard()
    {
        var day = new CounterGroup("acme", Period.Day(2024, 2, 29), 2);

        Assert.Equal(new CounterGroup("acme", Period.Month(2024, 2), 2), day.Parent);
        Assert.Equal(new CounterGroup("acme", Period.Hour(2024, 2, 29, 16), 2), day.Child(16));
        Assert.Null(new CounterGroup("acme", Period.Year(2024), 2).Parent);
    }

    [Fact]
    public void AllUrlsOf_IsTheStarSeries() =>
        Assert.Equal(new SeriesKey("acme", "pageview", "*"), SeriesKey.AllUrlsOf("acme", "pageview"));
}
