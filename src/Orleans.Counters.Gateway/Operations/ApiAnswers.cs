using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Orleans.Counters.Gateway.Operations;

/// <summary>
/// Declares, on every API endpoint, the answers that come from the pipeline rather than from its
/// handler, so the OpenAPI document lists them: 503 while the cluster or its database cannot be
/// reached, 429 over a rate limit, and 401 and 403 where a key is required (all three once the
/// gateway has an admin key).
/// </summary>
public static class ApiAnswers
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>Adds the shared answers to each endpoint of <paramref name="api"/>, after its own conventions ran.</summary>
    public static TBuilder DescribeSharedAnswers<TBuilder>(this TBuilder api)
        where TBuilder : IEndpointConventionBuilder
    {
        api.Finally(endpoint =>
        {
            Declare(endpoint, StatusCodes.Status503ServiceUnavailable);
            // The rate limiter is global: requests without a key are limited by their address.
            Declare(endpoint, StatusCodes.Status429TooManyRequests);
            if (NeedsKey(endpoint.Metadata))
            {
                Declare(endpoint, StatusCodes.Status401Unauthorized);
                Declare(endpoint, StatusCodes.Status403Forbidden);
            }
        });
        return api;
    }

    /// <summary>True when the endpoint requires a key: its metadata holds an authorization policy and no <c>AllowAnonymous</c>.</summary>
    public static bool NeedsKey(IEnumerable<object> metadata) =>
        metadata.Any(m => m is AuthorizationPolicy or IAuthorizeData) && !metadata.Any(m => m is IAllowAnonymous);

    private static void Declare(EndpointBuilder endpoint, int status)
    {
        if (!endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(declared => declared.StatusCode == status))
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ProblemJson));
        }
    }
}
