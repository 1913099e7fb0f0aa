using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// <c>POST /api/event</c> takes Plausible's Events API bodies, as raw bytes the way Plausible's script sends them
/// (text/plain, short keys) and the way its documentation writes them (long names), and counts them for the
/// account whose <c>domains</c> setting lists the body's domain. Each test has accounts and domains of its own.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PlausibleApiTests(GatewayFixture gateway)
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    [Fact]
    public async Task PlausiblesScriptBody_IsCounted_ForTheAccountListingTheDomain()
    {
        const string account = "pl-script";
        await SetDomainsAsync(account, "Script.Example");

        using var response = await PostAsync("""{"n":"pageview","u":"https://script.example/docs/start?utm_source=newsletter#intro","d":"script.example","r":"https://news.example/item","h":0,"i":true}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // The type's total, the URL and the referrer are series that may live in different shards, each reporting on its own tick.
        var top = await Eventually.ReadAsync(
            () => GetAsync($"/api/stats/{account}/top?type=pageview&period=today"),
            body => body.GetProperty("total").GetInt64() == 1 && body.GetProperty("items").GetArrayLength() == 1);
        Assert.Equal(1, top.GetProperty("total").GetInt64());
        Assert.Equal("/docs/start", Assert.Single(top.GetProperty("items").EnumerateArray()).GetProperty("value").GetString());
        var referrers = await Eventually.ReadAsync(
            () => GetAsync($"/api/stats/{account}/top?type=pageview&period=today&by=referrer"),
            body => body.GetProperty("items").GetArrayLength() == 1);
        Assert.Equal("news.example", Assert.Single(referrers.GetProperty("items").EnumerateArray()).GetProperty("value").GetString());
    }

    [Fact]
    public async Task ACustomEventWithRevenue_CountsUnderItsNameAsAType_AndSumsTheAmount()
    {
        const string account = "pl-revenue";
        await SetDomainsAsync(account, "revenue.example");

        using var first = await PostAsync("""{"name":"Order Placed","url":"https://revenue.example/checkout","domain":"revenue.example","revenue":{"amount":"59.90","currency":"EUR"},"props":{"plan":"pro","seats":3,"trial":false}}""");
        using var second = await PostAsync("""{"n":"Order Placed","u":"https://revenue.example/checkout","d":"revenue.example","$":"{\"amount\":40.1,\"currency\":\"EUR\"}","p":"{\"plan\":\"team\"}"}""");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var summary = await Eventually.ReadAsync(
            () => GetAsync($"/api/stats/{account}/summary?type=Order_Placed&period=today"),
            body => body.GetProperty("counts").TryGetProperty("Order_Placed", out var count) && count.GetInt64() == 2);
        Assert.Equal(2, summary.GetProperty("counts").GetProperty("Order_Placed").GetInt64());
        Assert.Equal(100.0m, summary.GetProperty("sums").GetProperty("Order_Placed").GetDecimal());
    }

    [Fact]
    public async Task AnEventForSeveralDomains_CountsOnceInEachAccount()
    {
        await SetDomainsAsync("pl-site", "site.example");
        await SetDomainsAsync("pl-rollup", "rollup.example");

        using var response = await PostAsync("""{"n":"pageview","u":"https://site.example/","d":"site.example,rollup.example,unlisted.example"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        foreach (var account in new[] { "pl-site", "pl-rollup" })
        {
            var top = await Eventually.ReadAsync(() => GetAsync($"/api/stats/{account}/top?type=pageview&period=today"), body => body.GetProperty("total").GetInt64() == 1);
            Assert.Equal(1, top.GetProperty("total").GetInt64());
        }
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"u":"https://bad.example/","d":"bad.example"}""", "name" },
        { """{"n":"pageview","d":"bad.example"}""", "url" },
        { """{"n":"pageview","u":"https://bad.example/"}""", "domain" },
        { """{"n":"pageview","u":"https://bad.example/","d":"bad example"}""", "domain" },
        { """{"n":"pageview","u":"https://bad.example/","d":"nobody.example"}""", "domain" },
        { """{"n":"pageview","u":"ftp://bad.example/","d":"bad.example"}""", "url" },
        { """{"n":"pageview","u":"https://bad.example/","d":"bad.example","p":[1]}""", "props" },
        { """{"n":"pageview","u":"https://bad.example/","d":"bad.example","p":{"plan":{"x":1}}}""", "props.plan" },
        { """{"n":"pageview","u":"https://bad.example/","d":"bad.example","$":{"amount":"lots","currency":"EUR"}}""", "revenue.amount" },
        { """{"n":"pageview","u":"https://bad.example/","d":"bad.example","$":{"currency":"EUR"}}""", "revenue" },
        { """{"n":"","u":"https://bad.example/","d":"bad.example"}""", "name" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task ABadEvent_Is400NamingTheField_AndCountsNothing(string body, string field)
    {
        await SetDomainsAsync("pl-bad", "bad.example");

        using var response = await PostAsync(body);

        await StatsApi.AssertProblemNamingAsync(response, field);
        var top = await GetAsync("/api/stats/pl-bad/top?type=pageview&period=today");
        Assert.Equal(0, top.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task ADomainBelongsToOneAccount_AnotherClaimingItIs409_UntilTheFirstLetsGo()
    {
        await SetDomainsAsync("pl-first", "shared.example", "first.example");

        using var refused = await gateway.Client.Http.PutAsJsonAsync("/api/accounts/pl-second/settings", new { domains = new[] { "second.example", "shared.example" } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("domains[1]", await refused.Content.ReadAsStringAsync());

        await SetDomainsAsync("pl-first", "first.example");
        await SetDomainsAsync("pl-second", "second.example", "shared.example");

        var (_, first) = await StatsApi.GetAsync(gateway, "/api/accounts/pl-first/settings");
        var (_, second) = await StatsApi.GetAsync(gateway, "/api/accounts/pl-second/settings");
        Assert.Equal(["first.example"], first.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["second.example", "shared.example"], second.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
    }

    [Theory]
    [InlineData("""{"domains":"shop.example"}""", "domains")]
    [InlineData("""{"domains":["https://shop.example"]}""", "domains[0]")]
    [InlineData("""{"domains":["shop.example", 5]}""", "domains[1]")]
    public async Task BadDomains_Are400NamingTheField(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await gateway.Client.Http.PutAsync("/api/accounts/pl-bad-domains/settings", content);

        await StatsApi.AssertProblemNamingAsync(response, field);
    }

    private async Task SetDomainsAsync(string account, params string[] domains)
    {
        using var response = await gateway.Client.Http.PutAsJsonAsync($"/api/accounts/{account}/settings", new { domains });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    // As Plausible's script sends it: the JSON as text/plain, from a browser.
    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/event") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/plain");
        request.Headers.TryAddWithoutValidation("User-Agent", Browser);
        return await gateway.Client.Http.SendAsync(request);
    }

    private async Task<JsonElement> GetAsync(string path) => (await StatsApi.GetAsync(gateway, path)).Body;
}
