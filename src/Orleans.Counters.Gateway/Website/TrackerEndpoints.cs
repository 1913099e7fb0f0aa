using Orleans.Counters.Gateway.Dashboard;

namespace Orleans.Counters.Gateway.Website;

/// <summary>
/// <c>GET /js/counters.js</c>: the tracker script a website includes with one <c>&lt;script&gt;</c> tag.
/// It counts pageviews (on load and on single-page navigations) and custom events, posting them to
/// this gateway with <c>?account=</c> from its tag's <c>data-account</c>.
/// </summary>
public static class TrackerEndpoints
{
    /// <summary>Where the script is served.</summary>
    public const string ScriptPath = "/js/counters.js";

    /// <summary>The prefix of the script's embedded resource name (see the project file).</summary>
    public const string ResourcePrefix = "Website/";

    /// <summary>Maps the script.</summary>
    public static IEndpointRouteBuilder MapTracker(this IEndpointRouteBuilder app)
    {
        var assets = DashboardAssets.Load(ResourcePrefix);
        app.MapGet(ScriptPath, (HttpContext context) =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return assets.Serve("counters.js", context);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
