using Microsoft.AspNetCore.Authorization;

namespace Orleans.Counters.Gateway.Security;

/// <summary>
/// An endpoint's need: a key of one kind for one account, the admin key always doing. The account
/// is the route's <c>{account}</c>, a fixed one, or any (the endpoint checks each event's account).
/// </summary>
public sealed class AccountKeyRequirement : IAuthorizationRequirement
{
    private const string RouteValue = "account";

    private AccountKeyRequirement(KeyKind kind, string? account, bool anyAccount)
    {
        Kind = kind;
        Account = account;
        AnyAccount = anyAccount;
    }

    /// <summary>The kind of key needed.</summary>
    public KeyKind Kind { get; }

    /// <summary>The fixed account; null when it comes from the route, or when any will do.</summary>
    public string? Account { get; }

    /// <summary>True when a key for any account passes, the endpoint checking the accounts itself.</summary>
    public bool AnyAccount { get; }

    /// <summary>A key for the route's <c>{account}</c>.</summary>
    public static AuthorizationPolicy ForRouteAccount(KeyKind kind) => Policy(new AccountKeyRequirement(kind, null, anyAccount: false));

    /// <summary>A key for one fixed account.</summary>
    public static AuthorizationPolicy ForAccount(KeyKind kind, string account) => Policy(new AccountKeyRequirement(kind, account, anyAccount: false));

    /// <summary>A key for any account: the endpoint refuses what belongs to another.</summary>
    public static AuthorizationPolicy ForAnyAccount(KeyKind kind) => Policy(new AccountKeyRequirement(kind, null, anyAccount: true));

    /// <summary>The admin key alone.</summary>
    public static AuthorizationPolicy Admin { get; } = new AuthorizationPolicyBuilder(KeyHolder.Scheme)
        .RequireClaim(KeyHolder.RoleClaim, KeyHolder.Admin)
        .Build();

    /// <summary>The account a request is for; null when the route has none.</summary>
    public string? AccountOf(HttpContext context) => Account ?? context.GetRouteValue(RouteValue) as string;

    private static AuthorizationPolicy Policy(AccountKeyRequirement requirement) =>
        new AuthorizationPolicyBuilder(KeyHolder.Scheme).RequireAuthenticatedUser().AddRequirements(requirement).Build();
}
