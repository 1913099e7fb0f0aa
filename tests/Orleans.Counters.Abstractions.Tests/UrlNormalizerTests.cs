namespace Orleans.Counters.Abstractions.Tests;

public sealed class UrlNormalizerTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/pricing", "/pricing")]
    [InlineData("/docs/getting-started/", "/docs/getting-started/")]
    [InlineData("/Mixed/Case", "/Mixed/Case")]
    [InlineData("/a|b", "/a|b")]
    [InlineData("/café", "/café")]
    public void Path_IsKeptAsItIs(string raw, string expected) => AssertNormalised(raw, expected);

    [Theory]
    [InlineData("/pricing?plan=pro", "/pricing")]
    [InlineData("/pricing?", "/pricing")]
    [InlineData("/pricing#faq", "/pricing")]
    [InlineData("/pricing?plan=pro#faq", "/pricing")]
    [InlineData("/pricing#faq?not=query", "/pricing")]
    [InlineData("/?q=1", "/")]
    public void QueryAndFragment_AreDropped(string raw, string expected) => AssertNormalised(raw, expected);

    [Theory]
    [InlineData("https://example.com/docs/start", "/docs/start")]
    [InlineData("http://example.com/docs/start", "/docs/start")]
    [InlineData("HTTPS://EXAMPLE.COM/Docs", "/Docs")]
    [InlineData("https://example.com:8443/a/b/", "/a/b/")]
    [InlineData("https://user:pw@example.com/a", "/a")]
    [InlineData("https://example.com/docs?utm_source=x#top", "/docs")]
    [InlineData("https://example.com", "/")]
    [InlineData("https://example.com/", "/")]
    [InlineData("https://example.com?q=1", "/")]
    public void AbsoluteHttpUrl_KeepsOnlyItsPath(string raw, string expected) => AssertNormalised(raw, expected);

    [Theory]
    [InlineData("")]
    [InlineData("pricing")]
    [InlineData("pricing/plans")]
    [InlineData("./pricing")]
    [InlineData("?q=1")]
    [InlineData("#top")]
    [InlineData("example.com/pricing")]
    [InlineData("ftp://example.com/file")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://")]
    [InlineData("https://")]
    public void AnythingButAPathOrAnHttpUrl_IsRefused(string raw) => AssertRefused(raw);

    [Fact]
    public void PathOf2048Characters_IsAccepted()
    {
        var raw = "/" + new string('a', 2047);

        AssertNormalised(raw, raw);
    }

    [Fact]
    public void PathOf2049Characters_IsRefused() => AssertRefused("/" + new string('a', 2048));

    [Fact]
    public void LengthLimit_IsCheckedWithoutTheQueryString()
    {
        var path = "/" + new string('a', 2047);

        AssertNormalised(path + "?" + new string('q', 4000), path);
    }

    [Theory]
    [InlineData("/a\tb")]
    [InlineData("/a\rb")]
    [InlineData("/a\nb")]
    [InlineData("/a\0b")]
    [InlineData("/a\u001bb")]
    [InlineData("/a\u007fb")]
    [InlineData("/a\u0085b")]
    public void PathWithControlCharacters_IsRefused(string raw) => AssertRefused(raw);

    [Theory]
    [InlineData("https://example.com/a\tb")]
    [InlineData("https://example.com/a\nb")]
    [InlineData("http://example.com/a\u0085b")]
    public void AbsoluteUrlWithControlCharacters_IsRefused(string raw) => AssertRefused(raw);

    [Theory]
    [InlineData("https://example.com/café", "/café")]
    [InlineData("https://example.com/a b", "/a b")]
    [InlineData("https://example.com/a/../b", "/a/../b")]
    public void AbsoluteUrl_NormalisesLikeItsBarePath(string absolute, string bare)
    {
        Assert.True(UrlNormalizer.TryNormalize(bare, out var expected, out _));
        AssertNormalised(absolute, expected);
    }

    [Fact]
    public void ControlCharactersInTheDroppedQuery_DoNotMatter() => AssertNormalised("/a?x=\n", "/a");

    [Fact]
    public void RefusalReason_IsEmptyOnSuccess()
    {
        Assert.True(UrlNormalizer.TryNormalize("/a", out _, out var reason));
        Assert.Equal(string.Empty, reason);
    }

    [Fact]
    public void Path_IsEmptyOnRefusal()
    {
        Assert.False(UrlNormalizer.TryNormalize("nope", out var path, out _));
        Assert.Equal(string.Empty, path);
    }

    private static void AssertNormalised(string raw, string expected)
    {
        Assert.True(UrlNormalizer.TryNormalize(raw, out var path, out var reason), $"'{raw}' refused: {reason}");
        Assert.Equal(expected, path);
    }

    private static void AssertRefused(string raw)
    {
        Assert.False(UrlNormalizer.TryNormalize(raw, out var path, out var reason), $"'{raw}' accepted as '{path}'");
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }
}
