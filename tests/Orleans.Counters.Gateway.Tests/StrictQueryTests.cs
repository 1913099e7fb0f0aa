namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// Every stats endpoint answers 400 naming a query parameter it does not read, a filter that cannot apply
/// to it, or a period or interval it cannot answer, instead of answering as if it were not there.
/// </summary>
[Collection(ClockedGatewayCollection.Name)]
public sealed class StrictQueryTests(ClockedGatewayFixture gateway)
{
    [Theory]
    [InlineData("/api/stats/track/strict/pageview/2025?_=1733270000", "_")]
    [InlineData("/api/stats/strict/realtime?type=pageview&referrer=google.com", "referrer")]
    [InlineData("/api/stats/strict/realtime?type=pageview&period=today", "period")]
    [InlineData("/api/stats/strict/realtime?type=pageview&format=csv", "format")]
    [InlineData("/api/stats/strict/summary?period=today&colour=red", "colour")]
    [InlineData("/api/stats/strict/realtime?type=pageview&prop:plan=pro", "prop:plan")]
    [InlineData("/api/stats/strict/top?type=pageview&url=/pricing", "url")]
    [InlineData("/api/stats/strict/top?type=pageview&referrer=google.com", "referrer")]
    [InlineData("/api/stats/strict/top?type=pageview&prop:plan=pro", "prop:plan")]
    [InlineData("/api/stats/strict/top?type=pageview&by=prop:plan&prop:plan=pro", "prop:plan")]
    [InlineData("/api/stats/strict/timeseries?type=pageview&from=2025-01-01T00:00:00Z", "from")]
    public async Task AParameterTheEndpointDoesNotRead_Is400NamingIt(string path, string field)
    {
        using var response = await gateway.Client.Http.GetAsync(path);

        await StatsApi.AssertProblemNamingAsync(response, field);
    }

    [Theory]
    [InlineData("/api/stats/strict/timeseries?type=pageview&period=7d&interval=minute", "interval")]
    [InlineData("/api/stats/strict/timeseries?type=pageview&period=year&interval=hour", "interval")]
    [InlineData("/api/stats/strict/timeseries?type=pageview&interval=week", "interval")]
    [InlineData("/api/stats/strict/timeseries?type=pageview&period=last-week", "period")]
    [InlineData("/api/stats/strict/timeseries?type=pageview&period=2025-02-29", "period")]
    [InlineData("/api/stats/strict/timeseries?period=today", "type")]
    [InlineData("/api/stats/strict/timeseries?type=pageview&format=xml", "format")]
    [InlineData("/api/stats/strict/timeseries?type=pageview&url=/&referrer=google.com", "referrer")]
    [InlineData("/api/stats/strict/timeseries?type=pageview&url=no-path", "url")]
    [InlineData("/api/stats/all/timeseries?type=pageview&referrer=google.com", "referrer")]
    [InlineData("/api/stats/strict/timeseries?type=pageview&referrer=%20", "referrer")]
    [InlineData("/api/stats/strict/summary?period=7d&from=2025-01-01T00:00:00Z", "period")]
    [InlineData("/api/stats/strict/summary?period=2025-13", "period")]
    [InlineData("/api/stats/strict/summary?from=2025-01-01T00:00:00Z", "to")]
    [InlineData("/api/stats/strict/top?type=pageview&period=7d", "period")]
    [InlineData("/api/stats/strict/top?type=pageview&period=30d", "period")]
    public async Task APeriodIntervalOrFilterThatCannotBeAnswered_Is400NamingIt(string path, string field)
    {
        using var response = await gateway.Client.Http.GetAsync(path);

        await StatsApi.AssertProblemNamingAsync(response, field);
    }

    [Fact]
    public async Task TheApiKeyParameter_IsAcceptedEverywhere()
    {
        using var response = await gateway.Client.Http.GetAsync("/api/stats/strict/timeseries?type=pageview&key=anything");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
