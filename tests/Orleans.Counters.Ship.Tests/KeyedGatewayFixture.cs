using System.Net.Http.Json;

namespace Orleans.Counters.Ship.Tests;

/// <summary>The real gateway asking for keys (an admin key is configured); each test creates an account of its own and uses its keys.</summary>
public sealed class KeyedGatewayFixture() : ShipGatewayFixture(AdminKey)
{
    /// <summary>The configured admin key.</summary>
    public const string AdminKey = "ship-tests-admin-key-0123456789abcdefghijkl";

    /// <summary>Creates an account as the admin; its ingest and read keys.</summary>
    public async Task<(string Ingest, string Read)> CreateAccountAsync(string account)
    {
        using var response = await Client.Http.PostAsJsonAsync("/api/accounts", new { account });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating {account} answered {(int)response.StatusCode}: {text}");
        using var created = JsonDocument.Parse(text);
        return (
            created.RootElement.GetProperty("ingestKey").GetProperty("key").GetString()!,
            created.RootElement.GetProperty("readKey").GetProperty("key").GetString()!);
    }
}
