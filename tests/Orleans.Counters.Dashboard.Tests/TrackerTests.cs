using System.Net.Http.Headers;

namespace Orleans.Counters.Dashboard.Tests;

/// <summary>
/// The tracker script in Debian's chromium, on a gateway that asks for keys: a page on one loopback
/// origin loads <c>/js/counters.js</c> from the gateway on another port and sends, without a key,
/// a pageview on load, one on <c>history.pushState</c> and a custom event with a value; a page on an
/// origin the account does not allow sends the same and counts nothing.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TrackerTests(TrackerFixture tracker) : IClassFixture<TrackerFixture>
{
    // Headless chromium names itself HeadlessChrome, which the crawler list counts as a bot; a visitor's browser does not.
    private const string VisitorAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    [SkippableFact]
    public async Task APageOfAnAllowedOrigin_CountsItsPageviews_AndCustomEvents_WhileAnotherOriginCountsNothing()
    {
        tracker.Chromium.Require();
        await using var refusedSite = StaticSite.Start(TrackerFixture.Page(tracker.Address));
        var context = await tracker.Chromium.Browser.NewContextAsync(new() { UserAgent = VisitorAgent });

        // First the refused origin: its beacon reaches the gateway and is refused.
        var refusedPage = await context.NewPageAsync();
        var refused = await refusedPage.RunAndWaitForResponseAsync(
            () => refusedPage.GotoAsync(refusedSite.Address + "landing?campaign=x"),
            response => response.Url.Contains("/api/events", StringComparison.Ordinal));
        Assert.Equal((int)HttpStatusCode.Unauthorized, refused.Status);
        var refusedOrder = await refusedPage.RunAndWaitForResponseAsync(
            () => refusedPage.EvaluateAsync("counters('order', {value: 10})"),
            response => response.Url.Contains("/api/events", StringComparison.Ordinal));
        Assert.Equal((int)HttpStatusCode.Unauthorized, refusedOrder.Status);

        // Then the allowed one: a pageview on load, one on pushState (its query dropped), an order with a value.
        var page = await context.NewPageAsync();
        var loaded = await page.RunAndWaitForResponseAsync(
            () => page.GotoAsync(tracker.Site.Address + "landing?utm_source=mail#top"),
            response => response.Url.Contains("/api/events", StringComparison.Ordinal));
        Assert.Equal((int)HttpStatusCode.Accepted, loaded.Status);
        var navigated = await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync("history.pushState({}, '', '/pricing?plan=pro')"),
            response => response.Url.Contains("/api/events", StringComparison.Ordinal));
        Assert.Equal((int)HttpStatusCode.Accepted, navigated.Status);
        var ordered = await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync("counters('order', {value: 59.9, props: {plan: 'pro'}})"),
            response => response.Url.Contains("/api/events", StringComparison.Ordinal));
        Assert.Equal((int)HttpStatusCode.Accepted, ordered.Status);

        var orders = await tracker.CountedAsync("order", 1);
        var pageviews = await tracker.CountedAsync("pageview", 2);
        Assert.Equal((2, 0m, 0L), pageviews);
        Assert.Equal((1, 59.9m, 0L), orders);
        Assert.Equal(1, await tracker.UrlCountAsync("pageview", "/landing"));
        Assert.Equal(1, await tracker.UrlCountAsync("pageview", "/pricing"));
        Assert.Equal(1, await tracker.UrlCountAsync("order", "/pricing"));
        await context.CloseAsync();
    }

    [SkippableFact]
    public async Task TheDashboard_ShowsTheAccountsSnippet_AndAllShowsNone()
    {
        tracker.Chromium.Require();
        var page = await tracker.Chromium.NewPageAsync();
        await page.GotoAsync(new Uri(tracker.Address, $"/dashboard/{TrackerFixture.Account}").ToString());

        var snippet = page.GetByTestId("snippet");
        await Assertions.Expect(page.GetByTestId("snippet-box")).ToBeVisibleAsync();
        var origin = tracker.Address.GetLeftPart(UriPartial.Authority);
        Assert.Equal($"<script defer data-account=\"{TrackerFixture.Account}\" src=\"{origin}/js/counters.js\"></script>", await snippet.TextContentAsync());

        await page.GotoAsync(new Uri(tracker.Address, "/dashboard/all").ToString());
        await Assertions.Expect(page.GetByTestId("account")).ToHaveTextAsync("All accounts");
        Assert.True(await page.GetByTestId("snippet-box").IsHiddenAsync());
        await page.Context.CloseAsync();
    }
}

/// <summary>
/// A gateway process that asks for keys, with account <see cref="Account"/> allowing the origin of
/// <see cref="Site"/>, a page that includes the tracker script, and the browser.
/// </summary>
public sealed class TrackerFixture : IAsyncLifetime
{
    /// <summary>The account the pages send to.</summary>
    public const string Account = "site";

    private const string AdminKey = "tracker-admin-key-0123456789abcdefghijkl";

    private GatewayProcess? _gateway;
    private HttpClient _admin = null!;

    /// <summary>The browser.</summary>
    public Chromium Chromium { get; } = new();

    /// <summary>The website the account allows.</summary>
    public StaticSite Site { get; private set; } = null!;

    /// <summary>The gateway's address.</summary>
    public Uri Address => _gateway!.Address;

    /// <summary>A page with the snippet the README gives, for the gateway at <paramref name="gateway"/>.</summary>
    public static string Page(Uri gateway) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>A shop</title>
        <script defer data-account="{{Account}}" src="{{new Uri(gateway, "/js/counters.js")}}"></script>
        </head><body><h1>A shop</h1></body></html>
        """;

    /// <summary>Waits until the account's count of a type over the hours around now reaches <paramref name="expected"/>; its count, sum and bots then.</summary>
    public async Task<(long Count, decimal Sum, long Bots)> CountedAsync(string type, long expected)
    {
        return await Eventually.ReadAsync(ReadAsync, counted => counted.Count >= expected, TimeSpan.FromSeconds(30));

        async Task<(long Count, decimal Sum, long Bots)> ReadAsync()
        {
            var now = DateTime.UtcNow;
            var summary = await _admin.GetFromJsonAsync<JsonElement>(
                $"/api/stats/{Account}/summary?type={type}&from={now.AddHours(-2):yyyy-MM-ddTHH:00:00Z}&to={now.AddHours(2):yyyy-MM-ddTHH:00:00Z}");
            return summary.GetProperty("counts").TryGetProperty(type, out var count)
                ? (count.GetInt64(), summary.GetProperty("sums").GetProperty(type).GetDecimal(), summary.GetProperty("bots").GetProperty(type).GetInt64())
                : (0, 0m, 0);
        }
    }

    /// <summary>Waits until a URL's count of a type this year is at least 1, and returns it.</summary>
    public Task<long> UrlCountAsync(string type, string url) => Eventually.ReadAsync(
        async () => (await _admin.GetFromJsonAsync<JsonElement>($"/api/stats/track/{Account}/{type}/{DateTime.UtcNow.Year}?url={url}")).GetProperty("total").GetInt64(),
        total => total >= 1,
        TimeSpan.FromSeconds(30));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        _gateway = await GatewayProcess.StartAsync("--Counters:Security:AdminKey", AdminKey);
        Site = StaticSite.Start(Page(_gateway.Address));
        _admin = new HttpClient { BaseAddress = _gateway.Address, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", AdminKey) } };
        using var created = await _admin.PostAsJsonAsync("/api/accounts", new { account = Account });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var allowed = await _admin.PutAsJsonAsync($"/api/accounts/{Account}/settings", new { allowedOrigins = new[] { Site.Origin } });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        await Chromium.DisposeAsync();
        if (Site is not null)
        {
            await Site.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
