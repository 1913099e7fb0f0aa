using Orleans.Counters.Gateway.Security;

namespace Orleans.Counters.Gateway.Accounts;

/// <summary>A key just issued: the only answer that shows its secret.</summary>
/// <param name="Id">Its public part, for listing and revoking.</param>
/// <param name="Account">The account it opens.</param>
/// <param name="Kind"><c>ingest</c> or <c>read</c>.</param>
/// <param name="Key">The key to give the client; not kept, and not shown again.</param>
/// <param name="CreatedAt">When it was issued.</param>
public sealed record IssuedKeyResponse(string Id, string Account, string Kind, string Key, DateTimeOffset CreatedAt);

/// <summary>A key as listed: without its secret.</summary>
/// <param name="Id">Its public part.</param>
/// <param name="Kind"><c>ingest</c> or <c>read</c>.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="RevokedAt">When it was revoked; null while valid.</param>
public sealed record KeyResponse(string Id, string Kind, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>The listing of a stored key.</summary>
    public static KeyResponse Of(ApiKey key) => new(key.Id, KeyHolder.RoleOf(key.Kind), key.CreatedAt, key.RevokedAt);
}

/// <summary>An account's keys.</summary>
/// <param name="Account">The account.</param>
/// <param name="Keys">Its keys, revoked ones included, oldest first.</param>
public sealed record AccountKeysResponse(string Account, IReadOnlyList<KeyResponse> Keys);

/// <summary>A new account's keys.</summary>
/// <param name="Account">The account.</param>
/// <param name="IngestKey">Sends its events: safe to put in a web page.</param>
/// <param name="ReadKey">Reads its counts: keep it on servers.</param>
public sealed record CreatedAccountResponse(string Account, IssuedKeyResponse IngestKey, IssuedKeyResponse ReadKey);
