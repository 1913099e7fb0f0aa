using Orleans.Counters.Gateway.Security;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// Who holds a key: the admin key, a valid account key, or nobody. A key is re-read from the store
/// once <see cref="SecuritySettings.KeyCacheDuration"/> has passed, so a revocation made elsewhere
/// arrives within that time.
/// </summary>
public sealed class ApiKeyVerifierTests
{
    private const string AdminKey = "admin-key-for-the-verifier-tests-0123456789";
    private readonly MemoryApiKeyStore _store = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly ApiKeyVerifier _verifier;

    public ApiKeyVerifierTests() =>
        _verifier = new ApiKeyVerifier(_store, new SecuritySettings { AdminKey = AdminKey, KeyCacheDuration = TimeSpan.FromSeconds(10) }, _clock);

    [Fact]
    public async Task TheAdminKey_IsTheAdmin()
    {
        var outcome = await _verifier.VerifyAsync(AdminKey, default);

        Assert.True(outcome.Holder!.IsAdmin());
    }

    [Fact]
    public async Task AnAccountKey_IsItsAccountsAndKinds()
    {
        var token = await IssueAsync("acme", KeyKind.Ingest);

        var holder = (await _verifier.VerifyAsync(token.Text, default)).Holder!;

        Assert.False(holder.IsAdmin());
        Assert.True(holder.May(KeyKind.Ingest, "acme"));
        Assert.False(holder.May(KeyKind.Read, "acme"));
        Assert.False(holder.May(KeyKind.Ingest, "other"));
        Assert.Equal(token.Id, holder.KeyId());
    }

    [Fact]
    public async Task ARevocationElsewhere_ArrivesOnceTheCacheDurationHasPassed()
    {
        var token = await IssueAsync("acme", KeyKind.Read);
        Assert.NotNull((await _verifier.VerifyAsync(token.Text, default)).Holder);

        await _store.RevokeAsync("acme", token.Id, _clock.GetUtcNow(), default);
        _clock.Advance(TimeSpan.FromSeconds(9));
        var stillTrusted = await _verifier.VerifyAsync(token.Text, default);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var reread = await _verifier.VerifyAsync(token.Text, default);

        Assert.NotNull(stillTrusted.Holder);
        Assert.Null(reread.Holder);
        Assert.Contains("revoked", reread.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevocationHere_IsAtOnce()
    {
        var token = await IssueAsync("acme", KeyKind.Read);
        Assert.NotNull((await _verifier.VerifyAsync(token.Text, default)).Holder);

        await _store.RevokeAsync("acme", token.Id, _clock.GetUtcNow(), default);
        _verifier.Forget(token.Id);

        Assert.Null((await _verifier.VerifyAsync(token.Text, default)).Holder);
    }

    [Fact]
    public async Task AKeyWithTheRightIdButAnotherSecretOrKind_IsUnknown()
    {
        var token = await IssueAsync("acme", KeyKind.Read);
        var otherSecret = new ApiKeyToken(KeyKind.Read, token.Id, ApiKeyToken.New(KeyKind.Read).Secret);
        var otherKind = token with { Kind = KeyKind.Ingest };

        Assert.Equal("The key is unknown.", (await _verifier.VerifyAsync(otherSecret.Text, default)).Refusal);
        Assert.Equal("The key is unknown.", (await _verifier.VerifyAsync(otherKind.Text, default)).Refusal);
    }

    private async Task<ApiKeyToken> IssueAsync(string account, KeyKind kind)
    {
        var token = ApiKeyToken.New(kind);
        await _store.AddAsync(new ApiKey(token.Id, account, kind, token.SecretHash, _clock.GetUtcNow(), null), default);
        return token;
    }
}
