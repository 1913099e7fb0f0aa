namespace Orleans.Counters.Ship.Tests;

/// <summary>The tool sending to a gateway that asks for keys: an ingest key from <c>--key</c> or <c>COUNTERS_SHIP_KEY</c>; a refused key stops it.</summary>
public sealed class KeyTests(KeyedGatewayFixture gateway) : IClassFixture<KeyedGatewayFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheAccountsIngestKeySendsItsEvents(bool fromEnvironment)
    {
        var account = ShipGatewayFixture.NewAccount("key");
        var (ingest, _) = await gateway.CreateAccountAsync(account);
        string[] arguments = ["--gateway", gateway.Url, "--account", account, "--flush-interval", "100ms"];
        await using var ship = fromEnvironment
            ? ShipProcess.Start(arguments, new Dictionary<string, string> { [Cli.ShipCommand.KeyVariable] = ingest })
            : ShipProcess.Start([.. arguments, "--key", ingest]);

        await ship.WriteLinesAsync(Enumerable.Range(0, 25).Select(n => AccessLines.Line($"/key/{n}", AccessLines.YesterdayNoon)));
        ship.CloseInput();

        Assert.Equal(0, await ship.WaitForExitAsync(Timeout));
        Assert.Equal(25, await Eventually.ReadAsync(() => gateway.DayTotalAsync(account, [AccessLines.YesterdayNoon]), total => total >= 25));
    }

    [Theory]
    [InlineData("none", "401")]
    [InlineData("unknown", "401")]
    [InlineData("read", "403")]
    [InlineData("another account's ingest", "403")]
    public async Task ARefusedKeyStopsTheToolWithExitCode3AndSaysWhy(string key, string status)
    {
        var account = ShipGatewayFixture.NewAccount("refused");
        var (_, read) = await gateway.CreateAccountAsync(account);
        var (otherIngest, _) = await gateway.CreateAccountAsync(ShipGatewayFixture.NewAccount("other"));
        string[] withKey = key switch
        {
            "none" => [],
            "unknown" => ["--key", "oci_00000000000000000000000000000000"],
            "read" => ["--key", read],
            _ => ["--key", otherIngest],
        };
        // A long grace and an open input: only the refusal can end the run this soon.
        await using var ship = ShipProcess.Start(["--gateway", gateway.Url, "--account", account, "--flush-interval", "100ms", "--shutdown-grace", "10m", .. withKey]);

        await ship.WriteLinesAsync([AccessLines.Line("/refused", AccessLines.YesterdayNoon)]);

        Assert.Equal(Shipper.KeyRefusedExitCode, await ship.WaitForExitAsync(Timeout));
        Assert.Contains($"stopping: the gateway refused the key ({status} ", ship.Log);
        Assert.Contains("--key or COUNTERS_SHIP_KEY", ship.Log);
        Assert.Equal(0, await gateway.DayTotalAsync(account, [AccessLines.YesterdayNoon]));
    }
}
