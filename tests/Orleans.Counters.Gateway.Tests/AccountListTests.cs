using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// <c>GET /api/accounts</c> lists every account the cluster knows, with its types, the minutes of its first and
/// last events and its time zone; the settings of an account it does not know answer 404.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AccountListTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AnAccountThatCounted_IsListed_WithItsTypesFirstAndLastEventMinutesAndTimeZone()
    {
        const string account = "list-counted";
        using (var zone = await gateway.Client.Http.PutAsJsonAsync($"/api/accounts/{account}/settings", new { timeZone = "Europe/Paris" }))
        {
            Assert.Equal(HttpStatusCode.OK, zone.StatusCode);
        }

        var first = new DateTime(2025, 3, 4, 10, 15, 30, DateTimeKind.Utc);
        var last = new DateTime(2025, 3, 5, 8, 0, 59, DateTimeKind.Utc);
        var events = new[] { Event(account, "pageview", last), Event(account, "order", first), Event(account, "pageview", first.AddHours(3)) };
        await StatsApi.PostAndWaitAsync(gateway, events);

        var listed = await Eventually.ReadAsync(() => ListedAsync(account), entry => entry?.GetProperty("lastEvent").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(10));

        Assert.NotNull(listed);
        var entry = listed.Value;
        Assert.Equal(["order", "pageview"], entry.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(new DateTime(2025, 3, 4, 10, 15, 0, DateTimeKind.Utc), entry.GetProperty("firstEvent").GetDateTime());
        Assert.Equal(new DateTime(2025, 3, 5, 8, 0, 0, DateTimeKind.Utc), entry.GetProperty("lastEvent").GetDateTime());
        Assert.Equal("Europe/Paris", entry.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task TheSettingsOfAnUnknownAccount_Are404_UntilTheAccountIsGivenSettings()
    {
        const string account = "list-new";
        using var unknown = await gateway.Client.Http.GetAsync($"/api/accounts/{account}/settings");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Null(await ListedAsync(account));

        using (var set = await gateway.Client.Http.PutAsJsonAsync($"/api/accounts/{account}/settings", new { allowedOrigins = Array.Empty<string>() }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var (_, settings) = await StatsApi.GetAsync(gateway, $"/api/accounts/{account}/settings");
        Assert.Equal("UTC", settings.GetProperty("timeZone").GetString());
        var entry = await ListedAsync(account);
        Assert.NotNull(entry);
        Assert.Empty(entry.Value.GetProperty("types").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, entry.Value.GetProperty("firstEvent").ValueKind);
        Assert.Equal(JsonValueKind.Null, entry.Value.GetProperty("lastEvent").ValueKind);
    }

    [Fact]
    public async Task TheListIsSortedByName()
    {
        var (_, body) = await StatsApi.GetAsync(gateway, "/api/accounts");

        var names = body.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account").GetString()!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.DoesNotContain(SeriesKey.AllAccounts, names);
    }

    private async Task<JsonElement?> ListedAsync(string account)
    {
        var (_, body) = await StatsApi.GetAsync(gateway, "/api/accounts");
        return body.GetProperty("accounts").EnumerateArray().Where(a => a.GetProperty("account").GetString() == account).Select(a => (JsonElement?)a).SingleOrDefault();
    }

    private static CounterEvent Event(string account, string type, DateTime at) => new() { Account = account, Type = type, Timestamp = at };
}
