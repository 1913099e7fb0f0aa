using System.Collections.Immutable;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// Past an account's cap on property names, a name that came later is not broken down: a top list or a filter
/// by it answers 400 naming it and the names tracked, never a count that leaves its events out.
/// </summary>
public sealed class PropertyCapApiTests(CappedGatewayFixture gateway) : IClassFixture<CappedGatewayFixture>
{
    private const string Account = "props-capped";
    private static readonly DateTime Hour = new(2025, 5, 6, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ANamePastTheCapIs400NamingIt_TheTrackedOneIsAnswered()
    {
        // Before any property came, a name is simply not counted yet: exactly none.
        var before = await GetAsync($"/api/stats/{Account}/top?type=pageview&by=prop:colour&period=2025");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await gateway.Client.PostAsync([Event(("plan", "pro"))]);
        await Eventually.ReadAsync(() => gateway.Client.TrackAsync(SeriesKey.AllUrlsOf(Account, "pageview"), Period.Year(2025)), c => c.Total == 1, TimeSpan.FromSeconds(30));
        await gateway.Client.PostAsync([Event(("colour", "red"), ("plan", "free"))]);
        await Eventually.ReadAsync(() => gateway.Client.TrackAsync(SeriesKey.AllUrlsOf(Account, "pageview"), Period.Year(2025)), c => c.Total == 2, TimeSpan.FromSeconds(30));

        foreach (var (path, field) in new[]
        {
            ($"/api/stats/{Account}/top?type=pageview&by=prop:colour&period=2025", "by"),
            ($"/api/stats/{Account}/summary?period=2025&prop:colour=red", "prop:colour"),
            ($"/api/stats/track/{Account}/pageview/2025?prop:colour=red", "prop:colour"),
            ($"/api/stats/{Account}/timeseries?type=pageview&period=2025&interval=month&prop:size=xl", "prop:size"),
        })
        {
            using var response = await GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            await StatsApi.AssertProblemNamingAsync(response, field);
            Assert.Contains("tracked: plan", text);
        }

        var plans = await Eventually.ReadAsync(
            async () =>
            {
                using var response = await GetAsync($"/api/stats/{Account}/top?type=pageview&by=prop:plan&period=2025");
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            },
            // The property's values and the type's total may live in different shards, each reporting on its own tick.
            top => top.GetProperty("items").GetArrayLength() == 2 && top.GetProperty("total").GetInt64() == 2,
            TimeSpan.FromSeconds(30));
        Assert.Equal(2, plans.GetProperty("total").GetInt64());
    }

    private Task<HttpResponseMessage> GetAsync(string path) => gateway.Client.Http.GetAsync(path);

    private static CounterEvent Event(params (string Name, string Value)[] properties) => new()
    {
        Account = Account,
        Type = "pageview",
        Url = "/",
        Timestamp = Hour,
        Properties = properties.ToImmutableDictionary(p => p.Name, p => p.Value),
    };
}
