using Orleans.Counters.Gateway.Problems;
using Orleans.Counters.Gateway.Security;

namespace Orleans.Counters.Gateway.Stats;

/// <summary>
/// Refuses a stats request that carries a query parameter its endpoint does not read, with a 400 naming
/// it: a misspelt or unsupported filter (<c>top?url=</c>) would otherwise answer account-wide numbers
/// as if it had applied.
/// </summary>
public static class QueryParameters
{
    /// <summary>The prefix of a filter by an event property, <c>prop:NAME=</c>.</summary>
    public const string PropertyPrefix = "prop:";

    /// <summary>The filters some endpoints apply; where one does not, it is refused with this reason.</summary>
    private static readonly string[] Filters = ["url", "referrer"];

    /// <summary>
    /// Lets the endpoint's requests through only when every query parameter is one of <paramref name="names"/>
    /// (or <c>key</c>, the API key); <see cref="PropertyPrefix"/> among them lets every <c>prop:NAME</c> through.
    /// <paramref name="filterless"/> says why a url, referrer or property filter does not apply here.
    /// </summary>
    public static RouteHandlerBuilder AcceptsOnly(this RouteHandlerBuilder endpoint, string filterless, params string[] names)
    {
        // Case-insensitive, as minimal APIs bind query parameters.
        var accepted = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase) { KeyAuthenticationHandler.QueryParameter };
        var takesProperties = accepted.Contains(PropertyPrefix);
        var takes = names.Length == 0 ? "it takes none" : "it takes " + string.Join(", ", names.Select(name => name == PropertyPrefix ? PropertyPrefix + "NAME" : name));
        return endpoint.AddEndpointFilter(async (context, next) =>
        {
            var refused = context.HttpContext.Request.Query.Keys
                .Where(name => !accepted.Contains(name) && !(takesProperties && IsPropertyFilter(name)))
                .Select(name => new FieldProblem(name, Reason(name, filterless, takes)))
                .ToList();
            return refused.Count == 0 ? await next(context) : ProblemResults.Invalid("Invalid stats request", refused);
        });
    }

    private static bool IsPropertyFilter(string name) => name.StartsWith(PropertyPrefix, StringComparison.OrdinalIgnoreCase);

    private static string Reason(string name, string filterless, string takes) =>
        Filters.Contains(name, StringComparer.OrdinalIgnoreCase) || IsPropertyFilter(name)
            ? $"cannot apply here: {filterless}"
            : $"is not a parameter of this request: {takes}";
}
