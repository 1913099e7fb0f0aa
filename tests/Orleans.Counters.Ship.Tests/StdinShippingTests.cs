namespace Orleans.Counters.Ship.Tests;

/// <summary>The tool as Apache runs it: a child process reading standard input, sending to the real gateway.</summary>
[Collection(ShipGatewayCollection.Name)]
public sealed class StdinShippingTests(ShipGatewayFixture gateway)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EveryLineOfStandardInputIsCountedAndTheToolExitsAtItsEnd()
    {
        var account = ShipGatewayFixture.NewAccount("stdin");
        var expected = new Dictionary<string, int> { ["/"] = 400, ["/pricing"] = 300, ["/blog/hello"] = 234, ["/products/42"] = 200, ["/cart"] = 100 };
        var time = AccessLines.YesterdayNoon;
        var lines = expected.SelectMany(page => Enumerable.Range(0, page.Value).Select(i => AccessLines.Line(page.Key + (i % 2 == 0 ? "" : "?utm_source=mail"), time.AddSeconds(i))))
            .Concat(Enumerable.Range(0, 50).Select(i => AccessLines.Line("/missing", time, status: 404)))
            .Concat(Enumerable.Range(0, 20).Select(i => AccessLines.Line("/form", time, method: "POST")))
            .OrderBy(line => line.GetHashCode())
            .ToList();
        await using var ship = ShipProcess.Start("--gateway", gateway.Url, "--account", account, "--batch-size", "200", "--flush-interval", "200ms", "--salt", "test");

        await ship.WriteLinesAsync(lines);
        ship.CloseInput();

        Assert.Equal(0, await ship.WaitForExitAsync(Timeout));
        Assert.Contains("finished: shipped 1234 events, skipped 0 unparsable lines, 70 filtered out, 0 invalid, 0 rejected by the gateway, 0 pending (1304 lines read)", ship.Log);
        var counts = await Eventually.ReadAsync(() => gateway.UrlCountsAsync(account, time), c => c.Values.Sum() >= 1234);
        Assert.Equal(expected.OrderBy(p => p.Key).Select(p => (p.Key, (long)p.Value)), counts.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)));
        Assert.Equal(1234, await gateway.DayTotalAsync(account, [time]));
    }

    [Fact]
    public async Task UnparsableLinesAreCountedAndReportedWhileRunningAndAtTheEndNotFatal()
    {
        var account = ShipGatewayFixture.NewAccount("unparsable");
        var time = AccessLines.YesterdayNoon;
        await using var ship = ShipProcess.Start("--gateway", gateway.Url, "--account", account, "--flush-interval", "100ms", "--report-interval", "200ms");

        await ship.WriteLinesAsync([AccessLines.Line("/one", time), "garbage", AccessLines.Line("/two", time), ""]);
        await ship.WaitForLogAsync("counters-ship: shipped 2 events, skipped 2 unparsable lines", Timeout);
        await ship.WriteLinesAsync(
        [
            """192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "-" 408 - "-" "-" """,
            """192.0.2.1 - - [01/Mar/2024:12:00:05 +0000] "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" 400 226 "-" "-" """,
            AccessLines.Line("/three", time),
            AccessLines.Line("/four", time)[..40],
        ]);
        ship.CloseInput();

        Assert.Equal(0, await ship.WaitForExitAsync(Timeout));
        var messages = ship.Log;
        Assert.Contains("line 2 unparsable (no identity field): garbage", messages);
        Assert.Contains("line 4 unparsable (empty line)", messages);
        Assert.Contains("line 5 unparsable (request line is not 'METHOD TARGET HTTP/x')", messages);
        Assert.Contains("finished: shipped 3 events, skipped 5 unparsable lines", messages);
        Assert.Contains("no --salt and no COUNTERS_SHIP_SALT", messages);
        Assert.Equal(3, await Eventually.ReadAsync(() => gateway.DayTotalAsync(account, [time]), total => total >= 3));
    }

    [Fact]
    public async Task SigtermSendsWhatIsPendingAndExits()
    {
        var account = ShipGatewayFixture.NewAccount("sigterm");
        var time = AccessLines.YesterdayNoon;
        // A long flush interval: the events are still pending when the signal comes.
        await using var ship = ShipProcess.Start("--gateway", gateway.Url, "--account", account, "--flush-interval", "60s");

        await ship.WriteLinesAsync(Enumerable.Range(0, 30).Select(i => AccessLines.Line($"/term/{i}", time)));
        await ship.WaitForLogAsync("shipping standard input", Timeout);
        await Task.Delay(500);
        Assert.Equal(0, await gateway.DayTotalAsync(account, [time]));
        await ship.TerminateAsync();

        Assert.Equal(0, await ship.WaitForExitAsync(Timeout));
        Assert.Contains("stopping", ship.Log);
        Assert.Contains("finished: shipped 30 events", ship.Log);
        Assert.Equal(30, await Eventually.ReadAsync(() => gateway.DayTotalAsync(account, [time]), total => total >= 30));
    }

    [Fact]
    public async Task ABadCommandLineExitsWith2AndSaysWhy()
    {
        await using var ship = ShipProcess.Start("--gateway", "ftp://nowhere", "--account", "all", "--batch-size", "5000");

        Assert.Equal(2, await ship.WaitForExitAsync(Timeout));
        Assert.Contains("--gateway must be an absolute http(s) URL", ship.Log);
        Assert.Contains("--account 'all' is reserved", ship.Log);
        Assert.Contains("--batch-size must be 1–1000", ship.Log);
    }
}
