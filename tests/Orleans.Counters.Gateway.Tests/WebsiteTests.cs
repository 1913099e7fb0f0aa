using System.IO.Compression;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// The website path in open mode: the tracker script, CORS from an account's <c>allowedOrigins</c>
/// on <c>POST /api/events?account=</c>, sendBeacon's text/plain bodies counted exactly, and bad
/// origins refused. Each test has an account of its own.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class WebsiteTests(GatewayFixture gateway)
{
    private const string Shop = "http://127.0.0.1:8080";

    private HttpClient Http => gateway.Client.Http;

    [Fact]
    public async Task TheTrackerScript_IsServed_WithoutCookies_AndIsSmallGzipped()
    {
        using var response = await Http.GetAsync("/js/counters.js");
        var script = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var text = Encoding.UTF8.GetString(script);
        Assert.Contains("sendBeacon", text, StringComparison.Ordinal);
        Assert.Contains("fetch(", text, StringComparison.Ordinal);
        Assert.Contains("pushState", text, StringComparison.Ordinal);
        Assert.DoesNotContain("document.cookie", text, StringComparison.Ordinal);
        Assert.DoesNotContain("localStorage", text, StringComparison.Ordinal);
        using var gzipped = new MemoryStream();
        await using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(script);
        }

        Assert.True(gzipped.Length <= 2048, $"the script is {gzipped.Length} bytes gzipped, over 2 KB");
    }

    [Fact]
    public async Task APreflight_FromAnAllowedOrigin_Is204_WithTheCorsHeaders()
    {
        const string account = "web-preflight";
        await PageEvents.AllowAsync(Http, account, "https://other.example", Shop);

        using var response = await PageEvents.PreflightAsync(Http, $"/api/events?account={account}", Shop);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Shop, PageEvents.Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", PageEvents.Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("content-type", PageEvents.Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Origin", PageEvents.Header(response, "Vary"), StringComparison.Ordinal);
        Assert.Null(PageEvents.Header(response, "Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8081")]   // another port is another origin
    [InlineData("https://127.0.0.1:8080")]  // another scheme too
    [InlineData("null")]                    // a sandboxed page or a file
    public async Task APreflight_FromAnotherOrigin_HasNoCorsHeaders(string origin)
    {
        const string account = "web-preflight-refused";
        await PageEvents.AllowAsync(Http, account, Shop);

        using var response = await PageEvents.PreflightAsync(Http, $"/api/events?account={account}", origin);

        Assert.Null(PageEvents.Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(PageEvents.Header(response, "Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task APreflight_WithoutTheAccount_OrForAnAccountThatAllowsNone_HasNoCorsHeaders()
    {
        await PageEvents.AllowAsync(Http, "web-preflight-any", Shop);
        // The origin is allowed by an account, but the preflight does not say which: no account's policy applies.
        foreach (var path in new[] { "/api/events", "/api/events?account=web-allows-none" })
        {
            using var response = await PageEvents.PreflightAsync(Http, path, Shop);
            Assert.Null(PageEvents.Header(response, "Access-Control-Allow-Origin"));
        }
    }

    [Fact]
    public async Task BeaconBodies_FromAnAllowedOrigin_AreCountedExactly_WithTheCorsHeaderOnThePost()
    {
        const string account = "web-beacons";
        await PageEvents.AllowAsync(Http, account, Shop);

        for (var i = 0; i < 25; i++)
        {
            using var response = await PageEvents.BeaconAsync(Http, account, Shop, $$"""{"type":"pageview","url":"{{Shop}}/p/{{i % 5}}?q=secret#top"}""");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(Shop, PageEvents.Header(response, "Access-Control-Allow-Origin"));
        }

        using (var order = await PageEvents.BeaconAsync(Http, account, Shop, """{"type":"order","url":"/checkout","value":59.9,"properties":{"plan":"pro"}}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, order.StatusCode);
        }

        Assert.Equal(25, (await PageEvents.CountedAsync(Http, account, "pageview", 25)).Count);
        Assert.Equal((1, 59.9m), await PageEvents.CountedAsync(Http, account, "order", 1));
        var year = DateTime.UtcNow.Year;
        // The query and fragment are dropped: /p/3 counts its 5 pageviews. Its URL's shard reports on its own flush.
        var page = await Eventually.ReadAsync(
            async () => (await Http.GetFromJsonAsync<JsonElement>($"/api/stats/track/{account}/pageview/{year}?url=/p/3")).GetProperty("total").GetInt64(),
            total => total >= 5,
            TimeSpan.FromSeconds(30));
        Assert.Equal(5, page);
    }

    [Fact]
    public async Task APost_FromAnOriginTheAccountDoesNotAllow_Is403_AndCountsNothing()
    {
        const string account = "web-refused";
        await PageEvents.AllowAsync(Http, account, Shop);

        foreach (var origin in new[] { "http://127.0.0.1:8081", "http://evil.example", "null" })
        {
            using var refused = await PageEvents.BeaconAsync(Http, account, origin, """{"type":"pageview","url":"/"}""");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Null(PageEvents.Header(refused, "Access-Control-Allow-Origin"));
        }

        // An account that allows no origin refuses every page.
        using (var none = await PageEvents.BeaconAsync(Http, "web-allows-nothing", Shop, """{"type":"pageview","url":"/"}"""))
        {
            Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        }

        // One allowed event after them: once it is counted, so would they have been.
        using (var allowed = await PageEvents.BeaconAsync(Http, account, Shop, """{"type":"pageview","url":"/"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        }

        Assert.Equal(1, (await PageEvents.CountedAsync(Http, account, "pageview", 1)).Count);
        Assert.Equal(0, (await PageEvents.CountAsync(Http, "web-allows-nothing", "pageview")).Count);
    }

    [Fact]
    public async Task WithTheAccountInTheQuery_EventsOfAnotherAccount_Are400NamingAccount_AndABadAccountToo()
    {
        const string account = "web-query";
        await PageEvents.AllowAsync(Http, account, Shop);

        using var other = await PageEvents.BeaconAsync(Http, account, Shop, """[{"type":"pageview"},{"account":"someone-else","type":"pageview"}]""");
        await StatsApi.AssertProblemNamingAsync(other, "account");
        foreach (var bad in new[] { "all", "a!b", "" })
        {
            using var response = await PageEvents.BeaconAsync(Http, Uri.EscapeDataString(bad), Shop, """{"type":"pageview"}""");
            await StatsApi.AssertProblemNamingAsync(response, "account");
        }

        using var marker = await PageEvents.BeaconAsync(Http, account, Shop, """{"type":"marker"}""");
        Assert.Equal(HttpStatusCode.Accepted, marker.StatusCode);
        await PageEvents.CountedAsync(Http, account, "marker", 1);
        Assert.Equal(0, (await PageEvents.CountAsync(Http, account, "pageview")).Count);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task APageSendingAnotherContentType_Is415(string contentType)
    {
        const string account = "web-content-type";
        await PageEvents.AllowAsync(Http, account, Shop);

        using var response = await PageEvents.BeaconAsync(Http, account, Shop, """{"type":"pageview"}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABeaconBodyOverTheLimit_Is413()
    {
        const string account = "web-too-large";
        await PageEvents.AllowAsync(Http, account, Shop);
        var body = $$$"""{"type":"pageview","properties":{"pad":"{{{new string('x', GatewayFixture.MaxBodyBytes)}}}"}}""";

        using var response = await PageEvents.BeaconAsync(Http, account, Shop, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task AllowedOrigins_AreStoredNormalised_AndEachFieldLeftOutStaysAsItIs()
    {
        const string account = "web-settings";
        await PageEvents.AllowAsync(Http, account, "HTTPS://Shop.Example:443", "http://127.0.0.1:8080", "https://shop.example", "http://[::1]:9000", "https://bücher.example");
        using (var zone = await Http.PutAsJsonAsync($"/api/accounts/{account}/settings", new { timeZone = "Europe/Paris" }))
        {
            Assert.Equal(HttpStatusCode.OK, zone.StatusCode);
        }

        var settings = await Http.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}/settings");
        Assert.Equal("Europe/Paris", settings.GetProperty("timeZone").GetString());
        Assert.Equal(
            ["https://shop.example", "http://127.0.0.1:8080", "http://[::1]:9000", "https://xn--bcher-kva.example"],
            PageEvents.Origins(settings));

        await PageEvents.AllowAsync(Http, account);
        var cleared = await Http.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}/settings");
        Assert.Equal(0, cleared.GetProperty("allowedOrigins").GetArrayLength());
        Assert.Equal("Europe/Paris", cleared.GetProperty("timeZone").GetString());
    }

    public static TheoryData<string, string> BadOrigins => new()
    {
        { """{"allowedOrigins":["https://shop.example/"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":["https://ok.example","https://shop.example/path"]}""", "allowedOrigins[1]" },
        { """{"allowedOrigins":["*"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":["https://*.shop.example"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":["shop.example"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":["ftp://shop.example"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":["null"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":["https://user@shop.example"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":["https://shop.example?x=1"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":["https://shop.example#x"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":["https://shop.example:99999"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":["https://shop .example"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":["https://shop.example\t"]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":[""]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":[42]}""", "allowedOrigins[0]" },
        { """{"allowedOrigins":"https://shop.example"}""", "allowedOrigins" },
        { """{"allowedOrigins":null}""", "allowedOrigins" },
        { "{\"allowedOrigins\":[" + string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"https://s{i}.example\"")) + "]}", "allowedOrigins" },
        { """{"timeZone":"Mars/Olympus_Mons","allowedOrigins":["https://fine.example"]}""", "timeZone" },
    };

    [Theory]
    [MemberData(nameof(BadOrigins))]
    public async Task BadAllowedOrigins_Are400NamingTheField_AndChangeNothing(string body, string field)
    {
        const string account = "web-bad-origins";
        await PageEvents.AllowAsync(Http, account, Shop);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Http.PutAsync($"/api/accounts/{account}/settings", content);

        await StatsApi.AssertProblemNamingAsync(response, field);
        var settings = await Http.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}/settings");
        Assert.Equal([Shop], PageEvents.Origins(settings));
        Assert.Equal("UTC", settings.GetProperty("timeZone").GetString());
    }
}
