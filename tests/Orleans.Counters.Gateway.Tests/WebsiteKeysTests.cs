namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// The website path on a gateway that asks for keys: a page cannot keep a secret, so a request to
/// <c>POST /api/events?account=</c> from an origin the account allows is counted without a key; any
/// other request without a key still gets 401, and a preflight never needs one.
/// </summary>
public sealed class WebsiteKeysTests(KeysGatewayFixture gateway) : IClassFixture<KeysGatewayFixture>
{
    private const string Shop = "http://127.0.0.1:8080";

    [Fact]
    public async Task APageOfAnAllowedOrigin_SendsWithoutAKey_AndIsCountedExactly()
    {
        const string account = "webkeys-page";
        await gateway.CreateAccountAsync(account);
        await PageEvents.AllowAsync(gateway.Admin, account, Shop);

        for (var i = 0; i < 3; i++)
        {
            using var response = await PageEvents.BeaconAsync(gateway.Anonymous, account, Shop, """{"type":"pageview","url":"/"}""");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(Shop, PageEvents.Header(response, "Access-Control-Allow-Origin"));
        }

        Assert.Equal(3, (await PageEvents.CountedAsync(gateway.Admin, account, "pageview", 3)).Count);
    }

    [Fact]
    public async Task WithoutAKey_AnyOtherRequest_Is401_AndCountsNothing()
    {
        const string account = "webkeys-refused";
        await gateway.CreateAccountAsync(account);
        await gateway.CreateAccountAsync("webkeys-other");
        await PageEvents.AllowAsync(gateway.Admin, account, Shop);
        await PageEvents.AllowAsync(gateway.Admin, "webkeys-other", "http://127.0.0.1:9090");

        // Another origin; no Origin at all (a script); an origin another account allows; the account only in the body.
        using var otherOrigin = await PageEvents.BeaconAsync(gateway.Anonymous, account, "http://127.0.0.1:9090", """{"type":"pageview"}""");
        using var noOrigin = await PageEvents.BeaconAsync(gateway.Anonymous, account, null, """{"type":"pageview"}""");
        using var inTheBody = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = new StringContent($$"""{"account":"{{account}}","type":"pageview"}""", Encoding.UTF8, "text/plain"),
            Headers = { { "Origin", Shop } },
        };
        using var bodyOnly = await gateway.Anonymous.SendAsync(inTheBody);
        foreach (var response in new[] { otherOrigin, noOrigin, bodyOnly })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // A page's origin opens sending, not reading.
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/stats/{account}/realtime?type=pageview") { Headers = { { "Origin", Shop } } };
        using var readResponse = await gateway.Anonymous.SendAsync(read);
        Assert.Equal(HttpStatusCode.Unauthorized, readResponse.StatusCode);

        using var marker = await PageEvents.BeaconAsync(gateway.Anonymous, account, Shop, """{"type":"marker"}""");
        Assert.Equal(HttpStatusCode.Accepted, marker.StatusCode);
        await PageEvents.CountedAsync(gateway.Admin, account, "marker", 1);
        Assert.Equal(0, (await PageEvents.CountAsync(gateway.Admin, account, "pageview")).Count);
    }

    [Fact]
    public async Task APreflight_NeedsNoKey()
    {
        const string account = "webkeys-preflight";
        await gateway.CreateAccountAsync(account);
        await PageEvents.AllowAsync(gateway.Admin, account, Shop);

        using var response = await PageEvents.PreflightAsync(gateway.Anonymous, $"/api/events?account={account}", Shop);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Shop, PageEvents.Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AnIngestKeyFromAPageOfAnotherOrigin_Is403()
    {
        const string account = "webkeys-keyed";
        var (ingest, _) = await gateway.CreateAccountAsync(account);
        await PageEvents.AllowAsync(gateway.Admin, account, Shop);
        using var client = gateway.With(ingest);

        using var response = await PageEvents.BeaconAsync(client, account, "http://127.0.0.1:9090", """{"type":"pageview"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OnlyTheAdmin_SetsOrigins_AndTheReadKeySeesThem()
    {
        const string account = "webkeys-settings";
        var (ingest, read) = await gateway.CreateAccountAsync(account);
        await PageEvents.AllowAsync(gateway.Admin, account, Shop);

        foreach (var key in new[] { ingest, read })
        {
            using var client = gateway.With(key);
            using var put = await client.PutAsJsonAsync($"/api/accounts/{account}/settings", new { allowedOrigins = new[] { "https://evil.example" } });
            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        }

        using var reader = gateway.With(read);
        var settings = await reader.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}/settings");
        Assert.Equal([Shop], PageEvents.Origins(settings));
    }
}
