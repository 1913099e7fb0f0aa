using Orleans.Counters.Gateway.Dashboard;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// The dashboard's page and assets over HTTP (what the browser tests in Orleans.Counters.Dashboard.Tests
/// cannot see): every account's page is the same static file, assets carry an ETag and are revalidated,
/// a name that is no asset is 404, and the page may run only the gateway's own scripts.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DashboardPageTests(GatewayFixture gateway)
{
    private HttpClient Http => gateway.Client.Http;

    [Fact]
    public async Task EveryAccountsPage_IsTheSamePage_WithAStrictContentSecurityPolicy()
    {
        using var acme = await Http.GetAsync(DashboardEndpoints.Path + "/acme");
        using var all = await Http.GetAsync(DashboardEndpoints.Path + "/all");

        Assert.Equal(HttpStatusCode.OK, acme.StatusCode);
        Assert.Equal("text/html", acme.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await acme.Content.ReadAsStringAsync(), await all.Content.ReadAsStringAsync());
        var policy = string.Join(";", acme.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", acme.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task TheGatewaysAddress_OpensTheDashboardOfEveryAccount()
    {
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Http.BaseAddress };

        using var response = await noRedirect.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(DashboardEndpoints.Path + "/all", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task TheDashboardWithoutAnAccount_IsAllOfThem()
    {
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Http.BaseAddress };

        using var response = await noRedirect.GetAsync(DashboardEndpoints.Path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(DashboardEndpoints.Path + "/all", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("dashboard.js", "text/javascript")]
    [InlineData("chart.js", "text/javascript")]
    [InlineData("dashboard.css", "text/css")]
    [InlineData("icon.svg", "image/svg+xml")]
    public async Task AnAsset_IsServedWithAnETag_AndNotSentAgainWhileUnchanged(string name, string mediaType)
    {
        using var first = await Http.GetAsync($"{DashboardEndpoints.Path}/assets/{name}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(mediaType, first.Content.Headers.ContentType?.MediaType);
        Assert.True((await first.Content.ReadAsByteArrayAsync()).Length > 100);
        Assert.True(first.Headers.CacheControl?.NoCache);
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, $"{DashboardEndpoints.Path}/assets/{name}") { Headers = { IfNoneMatch = { etag } } };
        using var second = await Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("nothing.js")]
    [InlineData("..%2Fappsettings.json")]
    [InlineData("Orleans.Counters.Gateway.dll")]
    public async Task ANameThatIsNoAsset_Is404(string name)
    {
        using var response = await Http.GetAsync($"{DashboardEndpoints.Path}/assets/{name}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
