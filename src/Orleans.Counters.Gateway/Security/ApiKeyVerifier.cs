using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Counters.Gateway.Security;

/// <summary>
/// Tells who holds a presented key. Hashes are compared in constant time; keys read from the store
/// are trusted for <see cref="SecuritySettings.KeyCacheDuration"/>, so a busy key does not cost a
/// query per request, and a revocation elsewhere reaches this gateway within that time.
/// </summary>
public sealed class ApiKeyVerifier(IApiKeyStore store, SecuritySettings settings, TimeProvider clock)
{
    /// <summary>The key id claimed by the admin key.</summary>
    public const string AdminKeyId = "admin";

    private readonly byte[]? _adminKeyHash = settings.RequiresKeys ? SHA256.HashData(Encoding.UTF8.GetBytes(settings.AdminKey!)) : null;
    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTimeOffset ReadAt)> _read = new(StringComparer.Ordinal);

    /// <summary>Who holds the key, or why it opens nothing.</summary>
    public readonly record struct Outcome(ClaimsPrincipal? Holder, string? Refusal);

    /// <summary>Checks a presented key.</summary>
    public async ValueTask<Outcome> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        // Hashing first gives both sides the same length, so the comparison's time says nothing of the key.
        if (_adminKeyHash is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _adminKeyHash))
        {
            return new Outcome(KeyHolder.AdminPrincipal(AdminKeyId), null);
        }

        if (!ApiKeyToken.TryParse(presented, out var token))
        {
            return new Outcome(null, "The key is not one of this service's keys (oci_… or ocr_…, 64 characters).");
        }

        var key = await ReadAsync(token.Value.Id, cancellationToken);
        if (key is null || key.Kind != token.Value.Kind || !CryptographicOperations.FixedTimeEquals(token.Value.SecretHash, key.SecretHash))
        {
            return new Outcome(null, "The key is unknown.");
        }

        return key.IsRevoked
            ? new Outcome(null, $"The key {token} was revoked at {key.RevokedAt:u}.")
            : new Outcome(KeyHolder.Of(key), null);
    }

    /// <summary>Drops what this gateway remembers of a key, after revoking it here.</summary>
    public void Forget(string id) => _read.TryRemove(id, out _);

    private async ValueTask<ApiKey?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_read.TryGetValue(id, out var known) && now - known.ReadAt < settings.KeyCacheDuration)
        {
            return known.Key;
        }

        // Only keys that exist are remembered: random ids cannot fill the memory.
        var key = await store.FindAsync(id, cancellationToken);
        if (key is null)
        {
            _read.TryRemove(id, out _);
        }
        else
        {
            _read[id] = (key, now);
        }

        return key;
    }
}
