namespace Orleans.Counters.Ship.Tests;

/// <summary>The real gateway asking for keys (an admin key is configured); each test creates an account of its own and uses its keys.</summary>
public sealed class KeyedGatewayFixture() : ShipGatewayFixture(AdminKey)
{
    /// <summary>The configured admin key.</summary>
    public const string AdminKey = "ship-tests-admin-key-0123456789abcdefghijkl";

    /// <summary>Creates an account as the admin; its ingest and read keys.</summary>
    public Task<(string Ingest, string Read)> CreateAccountAsync(string account) => Client.CreateAccountAsync(account);
}
