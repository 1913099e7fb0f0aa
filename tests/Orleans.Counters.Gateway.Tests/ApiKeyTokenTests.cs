using Orleans.Counters.Gateway.Security;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>A key's text: kind prefix, id, secret; anything else is not a key.</summary>
public sealed class ApiKeyTokenTests
{
    [Theory]
    [InlineData(KeyKind.Ingest, "oci_")]
    [InlineData(KeyKind.Read, "ocr_")]
    [InlineData(KeyKind.Import, "ocm_")]
    public void ANewKey_ReadsBackAsItself(KeyKind kind, string prefix)
    {
        var token = ApiKeyToken.New(kind);

        Assert.StartsWith(prefix, token.Text);
        Assert.Equal(ApiKeyToken.Length, token.Text.Length);
        Assert.True(ApiKeyToken.TryParse(token.Text, out var read));
        Assert.Equal(token, read);
    }

    [Fact]
    public void NewKeys_AreAllDifferent()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => ApiKeyToken.New(KeyKind.Read)).ToList();

        Assert.Equal(1000, keys.Select(k => k.Id).Distinct().Count());
        Assert.Equal(1000, keys.Select(k => k.Secret).Distinct().Count());
    }

    [Fact]
    public void ItsTextForLogs_HidesTheSecret()
    {
        var token = ApiKeyToken.New(KeyKind.Ingest);

        Assert.DoesNotContain(token.Secret, token.ToString(), StringComparison.Ordinal);
        Assert.Contains(token.Id, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIsNotAKey_IsRefused()
    {
        var good = ApiKeyToken.New(KeyKind.Read).Text;
        string?[] bad =
        [
            null,
            "",
            good[..^1],
            good + "A",
            "ocx_" + good[4..],
            "OCR_" + good[4..],
            good[..4] + good[4..20].ToUpperInvariant().Replace('A', 'G') + good[20..],
            good[..20] + "-" + good[21..],
            good[..21] + "!" + good[22..],
            good.Replace('_', ' '),
        ];

        Assert.All(bad, text => Assert.False(ApiKeyToken.TryParse(text, out _), text));
    }

    [Fact]
    public void TheHash_IsSha256OfTheSecret()
    {
        var token = ApiKeyToken.New(KeyKind.Read);

        Assert.Equal(32, token.SecretHash.Length);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(token.Secret)), token.SecretHash);
    }
}
