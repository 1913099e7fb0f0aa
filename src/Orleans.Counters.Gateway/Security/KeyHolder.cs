using System.Security.Claims;

namespace Orleans.Counters.Gateway.Security;

/// <summary>Who a request comes from, as its claims say: the admin, or one account's ingest, read or import key.</summary>
public static class KeyHolder
{
    /// <summary>The authentication scheme, and the principal's authentication type.</summary>
    public const string Scheme = "CountersKey";

    /// <summary>The claim naming what the holder is: <c>admin</c>, <c>ingest</c>, <c>read</c> or <c>import</c>.</summary>
    public const string RoleClaim = "counters/role";

    /// <summary>The claim naming the account a key opens.</summary>
    public const string AccountClaim = "counters/account";

    /// <summary>The claim naming the key's id (the admin key's is <c>admin</c>).</summary>
    public const string KeyIdClaim = "counters/key";

    /// <summary>The role of the admin key, and of everyone in open mode.</summary>
    public const string Admin = "admin";

    /// <summary>The admin: may do everything.</summary>
    public static ClaimsPrincipal AdminPrincipal(string keyId) =>
        new(new ClaimsIdentity([new Claim(RoleClaim, Admin), new Claim(KeyIdClaim, keyId)], Scheme, null, RoleClaim));

    /// <summary>The holder of one account's key.</summary>
    public static ClaimsPrincipal Of(ApiKey key) =>
        new(new ClaimsIdentity(
            [new Claim(RoleClaim, RoleOf(key.Kind)), new Claim(AccountClaim, key.Account), new Claim(KeyIdClaim, key.Id)], Scheme, null, RoleClaim));

    /// <summary>
    /// A web page of an origin the account allows, sending its events without a key: it may do what the
    /// account's ingest key does. It has no key id, so its rate limit is its client address's.
    /// </summary>
    public static ClaimsPrincipal PageOf(string account) =>
        new(new ClaimsIdentity([new Claim(RoleClaim, RoleOf(KeyKind.Ingest)), new Claim(AccountClaim, account)], Scheme, null, RoleClaim));

    /// <summary>True for the admin.</summary>
    public static bool IsAdmin(this ClaimsPrincipal user) => user.HasClaim(RoleClaim, Admin);

    /// <summary>True when the holder may do <paramref name="kind"/> in <paramref name="account"/>: the admin anywhere, a key in its own account.</summary>
    public static bool May(this ClaimsPrincipal user, KeyKind kind, string account) =>
        user.IsAdmin() || (user.HasClaim(RoleClaim, RoleOf(kind)) && user.HasClaim(AccountClaim, account));

    /// <summary>True when the holder may do <paramref name="kind"/> in some account.</summary>
    public static bool May(this ClaimsPrincipal user, KeyKind kind) =>
        user.IsAdmin() || user.HasClaim(RoleClaim, RoleOf(kind));

    /// <summary>The id of the key the request came with; null without one.</summary>
    public static string? KeyId(this ClaimsPrincipal user) => user.FindFirst(KeyIdClaim)?.Value;

    /// <summary>The role claim of a kind of key.</summary>
    public static string RoleOf(KeyKind kind) => kind switch
    {
        KeyKind.Ingest => "ingest",
        KeyKind.Import => "import",
        _ => "read",
    };

    /// <summary>The kind whose role claim is <paramref name="role"/>; null for another text.</summary>
    public static KeyKind? KindOf(string? role) => role switch
    {
        "ingest" => KeyKind.Ingest,
        "read" => KeyKind.Read,
        "import" => KeyKind.Import,
        _ => null,
    };
}
