namespace Orleans.Counters.Abstractions.Tests;

public sealed class CounterKeyTests
{
    public static TheoryData<string, string, string, string> Keys() => new()
    {
        { "acme", "pageview", "/pricing", "2024" },
        { "acme", "pageview", SeriesKey.AllUrls, "2024-02" },
        { SeriesKey.AllAccounts, "order", "/checkout/done", "2024-02-29" },
        { "a.b_c-d", "click", "/", "2024-02-29T16" },
        { "acme", "pageview", "/a|b", "2024-02-29T16" },
        { "acme", "pageview", "|||", "2025-01-01" },
        { "acme", "pageview", "/x|2024|y", "2025-12" },
        { "acme", "pageview", "/café", "2025" },
    };

    [Fact]
    public void Format_JoinsAccountTypePeriodAndUrlWithBars() =>
        Assert.Equal("acme|pageview|2024-02-29T16|/pricing", CounterKey.Format(new SeriesKey("acme", "pageview", "/pricing"), Period.Hour(2024, 2, 29, 16)));

    [Fact]
    public void Format_PutsTheUrlLast() =>
        Assert.Equal("acme|pageview|2024-02|/a|b", CounterKey.Format(new SeriesKey("acme", "pageview", "/a|b"), Period.Month(2024, 2)));

    [Theory]
    [MemberData(nameof(Keys))]
    public void Parse_ReadsBackWhatFormatWrote(string account, string type, string url, string period)
    {
        var series = new SeriesKey(account, type, url);

        var (parsedSeries, parsedPeriod) = CounterKey.Parse(CounterKey.Format(series, Period.Parse(period)));

        Assert.Equal(series, parsedSeries);
        Assert.Equal(Period.Parse(period), parsedPeriod);
        Assert.Equal(Period.Parse(period).Kind, parsedPeriod.Kind);
    }

    [Theory]
    [InlineData("acme|pageview|2024-02-29T16|/pricing")]
    [InlineData("acme|pageview|2024|/a|b|c")]
    [InlineData("all|order|2024-02|*")]
    public void Format_WritesBackWhatParseRead(string key)
    {
        var (series, period) = CounterKey.Parse(key);

        Assert.Equal(key, CounterKey.Format(series, period));
    }

    [Fact]
    public void Parse_KeepsBarsInTheUrl() =>
        Assert.Equal("/a|b|c", CounterKey.Parse("acme|pageview|2024|/a|b|c").Series.Url);

    [Fact]
    public void AllUrlsOf_IsTheStarSeries() =>
        Assert.Equal(new SeriesKey("acme", "pageview", "*"), SeriesKey.AllUrlsOf("acme", "pageview"));

    [Theory]
    [InlineData("")]
    [InlineData("acme")]
    [InlineData("acme|pageview")]
    [InlineData("acme|pageview|2024")]
    public void Parse_RefusesKeysWithFewerThanFourParts(string key) => Assert.Throws<FormatException>(() => CounterKey.Parse(key));

    [Theory]
    [InlineData("acme|pageview|yesterday|/a")]
    [InlineData("acme|pageview||/a")]
    [InlineData("acme|pageview|2024-02-30|/a")]
    public void Parse_RefusesAKeyWithABadPeriod(string key) => Assert.Throws<FormatException>(() => CounterKey.Parse(key));
}
