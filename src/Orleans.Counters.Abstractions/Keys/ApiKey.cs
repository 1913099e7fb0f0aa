namespace Orleans.Counters.Keys;

/// <summary>
/// A key as stored: never the key itself, only the SHA-256 of its secret part.
/// </summary>
/// <param name="Id">The key's public part, unique: how it is found, listed and revoked.</param>
/// <param name="Account">The account it opens.</param>
/// <param name="Kind">What it may do there.</param>
/// <param name="SecretHash">SHA-256 of the secret part.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="RevokedAt">When it was revoked; null while it is valid.</param>
public sealed record ApiKey(string Id, string Account, KeyKind Kind, byte[] SecretHash, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>True once revoked: the key opens nothing.</summary>
    public bool IsRevoked => RevokedAt is not null;
}
