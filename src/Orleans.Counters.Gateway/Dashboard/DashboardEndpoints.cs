namespace Orleans.Counters.Gateway.Dashboard;

/// <summary>
/// The live dashboard at <c>/dashboard/{account}</c>: a static page whose scripts read the stats
/// API with the key the user gives (URL fragment <c>#key=…</c> or a prompt). The page and its assets
/// need no key, so they are served to anyone; every number on it comes from an API call that does.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/dashboard";

    /// <summary>The page of every account together, where <c>/</c> and <see cref="Path"/> lead.</summary>
    public const string AllAccountsPage = Path + "/" + SeriesKey.AllAccounts;

    // Scripts and styles from the gateway only, no inline code, no framing; fetches to the gateway
    // only. The key never leaves in a Referer: it is in the fragment, and no referrer is sent anyway.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Maps the page (for any account, and <c>all</c>) and its assets, and <c>/</c> to the page of every account.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var assets = DashboardAssets.Load();
        // AllowAnonymous: the page holds no data; should a fallback policy ever require a key, the
        // page must still load so that it can ask for one.
        var dashboard = app.MapGroup(Path).AllowAnonymous().ExcludeFromDescription();
        dashboard.MapGet("/", () => TypedResults.Redirect(AllAccountsPage));
        dashboard.MapGet("/{account}", (HttpContext context) => Serve(assets, "index.html", context));
        dashboard.MapGet("/assets/{name}", (string name, HttpContext context) => Serve(assets, name, context));
        // The gateway's front door: a person who types its address wants the page, not an API answer.
        // The dashboard is always mapped, so there is no "off" case to answer differently.
        app.MapGet("/", () => TypedResults.Redirect(AllAccountsPage)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static Results<FileContentHttpResult, NotFound, StatusCodeHttpResult> Serve(DashboardAssets assets, string name, HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        return assets.Serve(name, context);
    }
}
