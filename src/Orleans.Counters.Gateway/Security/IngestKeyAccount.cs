using System.Security.Claims;
using Orleans.Counters.Gateway.Problems;

namespace Orleans.Counters.Gateway.Security;

/// <summary>
/// What an ingest key may send: events of its own account. An event without an account is the
/// key's; one naming another account refuses the whole request (403), nothing counted. A request
/// with no key holder at all is open mode's: nothing to check.
/// </summary>
public static class IngestKeyAccount
{
    /// <summary>The events, those without an account given the key's; the admin's are left as sent.</summary>
    public static IReadOnlyList<EventInput> Apply(IReadOnlyList<EventInput> events, ClaimsPrincipal user)
    {
        var account = user.FindFirst(KeyHolder.AccountClaim)?.Value;
        return account is null || events.All(e => e.Account is not null)
            ? events
            : [.. events.Select(e => e.Account is null ? e with { Account = account } : e)];
    }

    /// <summary>The events this key may not send, by index; empty when it may send them all.</summary>
    public static IReadOnlyList<FieldProblem> Foreign(IReadOnlyList<EventInput> events, ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.IsAdmin())
        {
            return [];
        }

        var account = user.FindFirst(KeyHolder.AccountClaim)?.Value;
        return [.. events
            .Select((e, index) => (e.Account, index))
            .Where(e => e.Account != account)
            .Select(e => new FieldProblem("account", $"this key sends events of '{account}' only", e.index))];
    }

    /// <summary>403 listing the events of other accounts.</summary>
    public static ProblemHttpResult Forbidden(IReadOnlyList<FieldProblem> foreign) =>
        TypedResults.Problem(
            title: "The key does not allow this",
            statusCode: StatusCodes.Status403Forbidden,
            detail: "An account's key sends its own account's events only; nothing from this request was counted.",
            extensions: new Dictionary<string, object?> { ["errors"] = foreign.ToList() });
}
