using Orleans.Counters.Gateway.Accounts;
using Orleans.Counters.Gateway.Problems;

namespace Orleans.Counters.Gateway.Website;

/// <summary>
/// The account a web page sends its events to, named in the query (<c>POST /api/events?account=acme</c>)
/// because a CORS preflight carries no body: with the account in the address, the preflight is answered
/// from that account's <c>allowedOrigins</c> alone. A request naming it from a browser (one with an
/// <c>Origin</c> header) is counted only when the account allows that origin, with or without a key;
/// its events are that account's.
/// </summary>
public static class PageAccount
{
    /// <summary>The query parameter.</summary>
    public const string QueryParameter = "account";

    /// <summary>The account the query names, or null; a name that is no account's is <paramref name="problem"/>.</summary>
    public static string? Of(HttpRequest request, out ProblemHttpResult? problem)
    {
        problem = null;
        if (!request.Query.TryGetValue(QueryParameter, out var values))
        {
            return null;
        }

        var account = values.Count == 1 ? values[0] : null;
        if (account is null || AccountEndpoints.CheckAccount(account) is not null)
        {
            problem = ProblemResults.Invalid(QueryParameter, $"must name one account: 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-', and not '{SeriesKey.AllAccounts}'");
            return null;
        }

        return account;
    }

    /// <summary>The Origin header of a browser's request; null for a request without one.</summary>
    public static string? Origin(HttpRequest request) =>
        request.Headers.Origin is { Count: 1 } origin && !string.IsNullOrEmpty(origin[0]) ? origin[0] : null;

    /// <summary>
    /// Null when a request for <paramref name="account"/> may be counted: it is no browser's, or its
    /// origin is one the account allows; otherwise the 403 to answer.
    /// </summary>
    public static async ValueTask<ProblemHttpResult?> CheckOriginAsync(HttpRequest request, string account, AccountOrigins origins)
    {
        if (Origin(request) is not { } origin || await origins.AllowsAsync(account, origin))
        {
            return null;
        }

        return TypedResults.Problem(
            title: "The origin is not allowed",
            statusCode: StatusCodes.Status403Forbidden,
            detail: $"Pages of {origin} may not send events of '{account}': add the origin to the account's allowedOrigins (PUT /api/accounts/{account}/settings). Nothing from this request was counted.",
            extensions: new Dictionary<string, object?> { ["errors"] = new List<FieldProblem> { new("Origin", $"is not in the allowedOrigins of '{account}'") } });
    }

    /// <summary>The events, those without an account given <paramref name="account"/>; the positions of those naming another, as problems.</summary>
    public static (IReadOnlyList<EventInput> Events, IReadOnlyList<FieldProblem> Foreign) Apply(IReadOnlyList<EventInput> events, string account)
    {
        var foreign = events
            .Select((e, index) => (e.Account, index))
            .Where(e => e.Account is not null && e.Account != account)
            .Select(e => new FieldProblem("account", $"must be '{account}', the account this request names (?account=)", e.index))
            .ToList();
        return (events.All(e => e.Account is not null) ? events : [.. events.Select(e => e.Account is null ? e with { Account = account } : e)], foreign);
    }
}
