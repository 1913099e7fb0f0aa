using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// Reads reaching past the instants that can hold counts (now + MaxFutureSkew, with a day's margin) do not
/// activate a grain per period there, and still answer exactly, echoing the range asked for. Grains are
/// counted by the silo's own list of activations, keyed by each test's account.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CountWindowReadTests(GatewayFixture gateway)
{
    private const string Type = "pageview";

    [Fact]
    public async Task ASummaryToYear9998_ActivatesOnlyThePeriodsThatCanHoldCounts_AndCountsExactly()
    {
        const string account = "window-summary-2025z";
        var now = DateTime.UtcNow;
        await StatsApi.PostAndWaitAsync(gateway, [Event(account, "2025-03-10T04:05:06Z"), Event(account, "2025-12-31T23:59:00Z"), Event(account, "2024-02-29T12:00:00Z")]);
        var before = await ActiveGrainsAsync(account);

        var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/{account}/summary?from=2025-01-01T00:00:00Z&to=9998-01-01T00:00:00Z");

        var activated = (await ActiveGrainsAsync(account)).Except(before).ToList();
        Assert.Equal(2, body.GetProperty("counts").GetProperty(Type).GetInt64());
        Assert.Equal("9998-01-01T00:00:00Z", body.GetProperty("to").GetDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        // 2025, this year's months, days and hours up to tomorrow: a few dozen at most, not one per year to 9998.
        Assert.True(activated.Count <= 2 + (now.Year - 2025) + 12 + 31 + 48, $"{activated.Count} grains activated: {string.Join(", ", activated.Take(20))}");
    }

    [Fact]
    public async Task ASummaryFrom1970To9998_DoesNotActivateAGrainPerYearTo9998()
    {
        const string account = "window-summary-1970z";
        await StatsApi.PostAndWaitAsync(gateway, [Event(account, "2025-06-01T00:00:00Z")]);
        var before = await ActiveGrainsAsync(account);

        var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/{account}/summary?from=1970-01-01T00:00:00Z&to=9998-01-01T00:00:00Z");

        var activated = (await ActiveGrainsAsync(account)).Except(before).ToList();
        Assert.Equal(1, body.GetProperty("counts").GetProperty(Type).GetInt64());
        // The years from 1970 can hold counts (an event accepted long ago may be dated MaxAge before then); the 7,972 after next year cannot.
        Assert.True(activated.Count < 200, $"{activated.Count} grains activated");
    }

    [Theory]
    [InlineData("2100")]
    [InlineData("9998")]
    [InlineData("3000/6")]
    [InlineData("9998/12/31/23")]
    public async Task TrackOfAPeriodAfterTheWindow_AnswersZerosWithoutActivatingAGrain(string period)
    {
        var account = "window-track-" + period.Replace('/', 'x') + "z";
        await StatsApi.PostAndWaitAsync(gateway, [Event(account, "2025-06-01T00:00:00Z")]);
        var before = await ActiveGrainsAsync(account);

        var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/track/{account}/{Type}/{period}");
        using var csv = await gateway.Client.Http.GetAsync($"/api/stats/track/{account}/{Type}/{period}?format=csv");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(0, body.GetProperty("total").GetInt64());
        Assert.All(body.GetProperty("data").EnumerateObject(), segment => Assert.Equal(0, segment.Value.GetInt64()));
        Assert.Empty((await ActiveGrainsAsync(account)).Except(before));
    }

    [Fact]
    public async Task TopOfAYearAfterTheWindow_AnswersNothingWithoutActivatingAGrain()
    {
        const string account = "window-topz";
        await StatsApi.PostAndWaitAsync(gateway, [Event(account, "2025-06-01T00:00:00Z")]);
        var before = await ActiveGrainsAsync(account);

        var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/{account}/top?type={Type}&period=9000");

        Assert.Equal(0, body.GetProperty("total").GetInt64());
        Assert.Empty(body.GetProperty("items").EnumerateArray());
        Assert.Empty((await ActiveGrainsAsync(account)).Except(before));
    }

    [Fact]
    public async Task AYearThatCanHoldCounts_IsStillRead()
    {
        const string account = "window-track-nowz";
        var now = DateTime.UtcNow;
        await StatsApi.PostAndWaitAsync(gateway, [Event(account, now.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture))]);

        var (_, body) = await StatsApi.GetAsync(gateway, $"/api/stats/track/{account}/{Type}/{now.AddMinutes(-1).Year}");

        Assert.Equal(1, body.GetProperty("total").GetInt64());
    }

    /// <summary>The activations whose key holds the account: every test's account ends in 'z', so none holds another's.</summary>
    private async Task<HashSet<string>> ActiveGrainsAsync(string account)
    {
        var management = gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var grains = await management.GetDetailedGrainStatistics();
        return [.. grains.Select(grain => grain.GrainId.ToString()).Where(id => id.Contains(account, StringComparison.Ordinal))];
    }

    private static CounterEvent Event(string account, string timestamp) => new()
    {
        Account = account,
        Type = Type,
        Timestamp = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).UtcDateTime,
    };
}
