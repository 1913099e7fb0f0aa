using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Orleans.Counters.Gateway.Website;

/// <summary>
/// CORS for pages posting events: the policy of a request to <c>POST /api/events?account=acme</c>
/// allows exactly the origins acme lists in its settings, so a preflight from one of them is
/// answered 204 with the CORS headers, and from any other origin (or without <c>?account=</c>) with
/// none. The account is read from the query, not the body: a preflight has no body.
/// </summary>
public sealed class AccountCorsPolicyProvider(AccountOrigins origins) : ICorsPolicyProvider
{
    /// <summary>The policy name endpoints ask for with <c>RequireCors</c>.</summary>
    public const string PolicyName = "account-origins";

    /// <summary>How long a browser may reuse a preflight's answer: an origin removed from an account stops working within this.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    private static readonly CorsPolicy NoOrigin = Build(_ => false);

    /// <inheritdoc />
    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (policyName != PolicyName)
        {
            return null;
        }

        var account = PageAccount.Of(context.Request, out _);
        if (account is null || PageAccount.Origin(context.Request) is not { } origin)
        {
            return NoOrigin;
        }

        var allowed = await origins.AllowsAsync(account, origin);
        return allowed ? Build(o => o.Equals(origin, StringComparison.Ordinal)) : NoOrigin;
    }

    // A predicate rather than a list of origins: CORS then answers "Vary: Origin", so a cache never
    // hands one origin's answer to another.
    private static CorsPolicy Build(Func<string, bool> isAllowed) => new CorsPolicyBuilder()
        .SetIsOriginAllowed(isAllowed)
        .WithMethods(HttpMethods.Post)
        .WithHeaders("Content-Type")
        .SetPreflightMaxAge(PreflightMaxAge)
        .Build();
}
