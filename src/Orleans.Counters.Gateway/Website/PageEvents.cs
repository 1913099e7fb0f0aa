namespace Orleans.Counters.Gateway.Website;

/// <summary>
/// Marks an endpoint that takes events from web pages: CORS from the accounts' origins, and, when
/// keys are required, a page of an allowed origin admitted without one (a page cannot keep a secret).
/// </summary>
public sealed class PageEvents
{
    private PageEvents()
    {
    }

    /// <summary>The endpoint metadata.</summary>
    public static PageEvents Metadata { get; } = new();

    /// <summary>True when the request's endpoint takes events from pages.</summary>
    public static bool AreTakenBy(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<PageEvents>() is not null;
}

/// <summary>Marks endpoints with <see cref="PageEvents"/>.</summary>
public static class PageEventsEndpointExtensions
{
    /// <summary>The endpoint takes events from the pages of each account's allowed origins.</summary>
    public static RouteHandlerBuilder TakesPageEvents(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireCors(AccountCorsPolicyProvider.PolicyName).WithMetadata(PageEvents.Metadata);
}
