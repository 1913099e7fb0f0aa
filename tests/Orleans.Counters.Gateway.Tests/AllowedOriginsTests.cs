using Orleans.Counters.Gateway.Website;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>The rules of an account's allowedOrigins, without a gateway.</summary>
public sealed class AllowedOriginsTests
{
    [Theory]
    [InlineData("https://shop.example", "https://shop.example")]
    [InlineData("HTTPS://SHOP.Example", "https://shop.example")]
    [InlineData("https://shop.example:443", "https://shop.example")]
    [InlineData("http://shop.example:80", "http://shop.example")]
    [InlineData("http://shop.example:8443", "http://shop.example:8443")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080")]
    [InlineData("https://bücher.example", "https://xn--bcher-kva.example")]
    public void AnOrigin_IsKeptAsABrowserSendsIt(string text, string expected)
    {
        Assert.Equal(expected, AllowedOrigins.Normalize(text, out var reason));
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("null")]
    [InlineData("shop.example")]
    [InlineData("//shop.example")]
    [InlineData("https://")]
    [InlineData("https://shop.example/")]
    [InlineData("https://shop.example/a")]
    [InlineData("https://shop.example?a")]
    [InlineData("https://shop.example#a")]
    [InlineData("https://a@shop.example")]
    [InlineData("https://*.shop.example")]
    [InlineData("https://shop.example\\")]
    [InlineData("https://shop.example ")]
    [InlineData("ws://shop.example")]
    [InlineData("file://shop.example")]
    [InlineData("https://shop.example:0x50")]
    public void AnythingElse_IsRefused_WithTheRule(string text)
    {
        Assert.Null(AllowedOrigins.Normalize(text, out var reason));
        Assert.Equal(AllowedOrigins.Rule, reason);
    }

    [Fact]
    public void AList_IsDeduplicatedAfterNormalising_AndCapped()
    {
        var (origins, problems) = AllowedOrigins.NormalizeAll(["https://a.example", "HTTPS://A.EXAMPLE:443", "http://a.example"]);
        Assert.Empty(problems);
        Assert.Equal(new[] { "https://a.example", "http://a.example" }, origins.ToArray());

        var (_, tooMany) = AllowedOrigins.NormalizeAll([.. Enumerable.Range(0, AllowedOrigins.MaxCount + 1).Select(i => $"https://s{i}.example")]);
        Assert.Equal("allowedOrigins", Assert.Single(tooMany).Field);
    }
}
