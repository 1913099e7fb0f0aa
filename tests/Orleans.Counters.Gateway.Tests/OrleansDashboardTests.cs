namespace Orleans.Counters.Gateway.Tests;

/// <summary>The Orleans dashboard at <see cref="CountersGateway.OrleansDashboardPath"/>: on by default, off when configured so.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OrleansDashboardTests(GatewayFixture gateway)
{
    private const string ActiveHost = "\"totalActiveHostCount\":1";

    [Fact]
    public async Task ByDefault_TheDashboardAndItsSiloStatisticsAreServed()
    {
        using var page = await gateway.Client.Http.GetAsync(CountersGateway.OrleansDashboardPath + "/");
        // The silo reports its statistics every second: the first answers may list no host yet.
        var counters = await Eventually.ReadAsync(
            () => gateway.Client.Http.GetStringAsync(CountersGateway.OrleansDashboardPath + "/DashboardCounters"),
            text => text.Contains(ActiveHost, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(ActiveHost, counters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurnedOff_ThereIsNoDashboard()
    {
        var app = await TestGateway.StartAsync("--Counters:Dashboard:Enabled", "false");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            using var page = await http.GetAsync(CountersGateway.OrleansDashboardPath + "/");

            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }
        finally
        {
            await TestGateway.StopAsync(app);
        }
    }
}
