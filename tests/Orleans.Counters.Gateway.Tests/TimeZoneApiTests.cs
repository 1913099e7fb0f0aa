using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// Accounts in their own time zones: local days, a half-hour offset, daylight-saving days of 23 and 25
/// hours, and <c>all</c> staying in UTC. Each test has an account of its own.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TimeZoneApiTests(GatewayFixture gateway)
{
    private const string NewYork = "America/New_York";
    private const string Kolkata = "Asia/Kolkata";

    [Fact]
    public async Task AKolkataAccount_CountsItsLocalDaysAndHalfPastHours()
    {
        const string account = "tz-kolkata";
        await SetTimeZoneAsync(account, Kolkata);
        // Every 7 minutes over two UTC days: the local day 2025-01-02 runs from 01-01 18:30 to 01-02 18:30 UTC.
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var events = Enumerable.Range(0, 2 * 24 * 60 / 7).Select(i => Event(account, start.AddMinutes(7 * i))).ToList();
        await PostAndWaitAsync(account, events, Period.Year(2025, Kolkata));

        foreach (var day in new[] { Period.Day(2025, 1, 1, Kolkata), Period.Day(2025, 1, 2, Kolkata), Period.Day(2025, 1, 3, Kolkata) })
        {
            var body = await TrackAsync(account, day);
            Assert.Equal(events.Count(e => day.Contains(e.Timestamp)), body.GetProperty("total").GetInt64());
            Assert.Equal(Kolkata, body.GetProperty("timeZone").GetString());
            for (var hour = 0; hour < 24; hour++)
            {
                var expected = events.Count(e => day.Child(hour).Contains(e.Timestamp));
                Assert.True(expected == body.GetProperty("data").GetProperty(hour.ToString()).GetInt64(), $"{day} hour {hour}");
            }
        }

        var halfPast = await TrackAsync(account, Period.Hour(2025, 1, 2, 0, Kolkata));
        Assert.Equal(new DateTime(2025, 1, 1, 18, 30, 0, DateTimeKind.Utc), halfPast.GetProperty("start").GetDateTime());
        Assert.Equal(events.Count(e => e.Timestamp >= new DateTime(2025, 1, 1, 18, 30, 0) && e.Timestamp < new DateTime(2025, 1, 1, 19, 30, 0)), halfPast.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task ANewYorkAccount_Has25HoursOnTheDayDaylightSavingEnds_And23OnTheDayItStarts()
    {
        const string account = "tz-new-york";
        await SetTimeZoneAsync(account, NewYork);
        var autumn = Period.Day(2024, 11, 3, NewYork);
        var spring = Period.Day(2024, 3, 10, NewYork);
        var events = new[] { autumn, spring }
            .SelectMany(day => Enumerable.Range(0, (int)(day.End - day.Start).TotalMinutes / 10).Select(i => Event(account, day.Start.AddMinutes(10 * i + 1))))
            .ToList();
        await PostAndWaitAsync(account, events, Period.Year(2024, NewYork));

        var autumnBody = await TrackAsync(account, autumn);
        Assert.Equal(25, autumnBody.GetProperty("data").EnumerateObject().Count());
        Assert.Equal(25 * 6, autumnBody.GetProperty("total").GetInt64());
        Assert.All(autumnBody.GetProperty("data").EnumerateObject(), hour => Assert.Equal(6, hour.Value.GetInt64()));
        var springBody = await TrackAsync(account, spring);
        Assert.Equal(23, springBody.GetProperty("data").EnumerateObject().Count());
        Assert.Equal(23 * 6, springBody.GetProperty("total").GetInt64());

        // The 25th hour of the autumn day (24, counted from midnight) is 23:00–24:00 standard time.
        var last = await TrackAsync(account, Period.Hour(2024, 11, 3, 24, NewYork));
        Assert.Equal(new DateTime(2024, 11, 4, 4, 0, 0, DateTimeKind.Utc), last.GetProperty("start").GetDateTime());
        Assert.Equal(6, last.GetProperty("total").GetInt64());
        using var noSuchHour = await gateway.Client.Http.GetAsync($"/api/stats/track/{account}/pageview/2024/03/10/23");
        await StatsApi.AssertProblemNamingAsync(noSuchHour, "hour");
    }

    [Fact]
    public async Task AllAccounts_StayInUtc()
    {
        const string account = "tz-all-utc";
        await SetTimeZoneAsync(account, Kolkata);
        var at = new DateTime(2023, 6, 6, 20, 0, 0, DateTimeKind.Utc);
        await PostAndWaitAsync(account, [Event(account, at)], Period.Year(2023, Kolkata));

        var local = await TrackAsync(account, Period.Day(2023, 6, 7, Kolkata));
        var all = await TrackAsync(SeriesKey.AllAccounts, Period.Day(2023, 6, 6));
        Assert.Equal(1, local.GetProperty("total").GetInt64());
        Assert.Equal("UTC", all.GetProperty("timeZone").GetString());
        Assert.True(all.GetProperty("data").GetProperty("20").GetInt64() >= 1);
    }

    [Fact]
    public async Task TheTimeZone_IsReadBack_AndSettingItAgainChangesNothing()
    {
        const string account = "tz-settled";
        using (var before = await gateway.Client.Http.GetAsync($"/api/accounts/{account}/settings"))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        await SetTimeZoneAsync(account, NewYork);
        var (_, after) = await StatsApi.GetAsync(gateway, $"/api/accounts/{account}/settings");
        Assert.Equal(NewYork, after.GetProperty("timeZone").GetString());
        Assert.False(after.GetProperty("rebuilding").GetBoolean());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("rebuild").ValueKind);

        await PostAndWaitAsync(account, [Event(account, new DateTime(2025, 2, 2, 2, 2, 0, DateTimeKind.Utc))], Period.Year(2025, NewYork));
        using var same = await gateway.Client.Http.PutAsJsonAsync($"/api/accounts/{account}/settings", new { timeZone = NewYork });
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        var unchanged = await same.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(unchanged.GetProperty("rebuilding").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("rebuild").ValueKind);
    }

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "tz-bad", """{"timeZone":"Mars/Olympus_Mons"}""", "timeZone" },
        { "tz-bad", """{"timeZone":5}""", "timeZone" },
        { "tz-bad", """{}""", "timeZone" },
        { "all", """{"timeZone":"Europe/Paris"}""", "account" },
        { "a!b", """{"timeZone":"Europe/Paris"}""", "account" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task BadSettings_Are400NamingTheField(string account, string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await gateway.Client.Http.PutAsync($"/api/accounts/{account}/settings", content);

        await StatsApi.AssertProblemNamingAsync(response, field);
    }

    private async Task SetTimeZoneAsync(string account, string zone)
    {
        using var response = await gateway.Client.Http.PutAsJsonAsync($"/api/accounts/{account}/settings", new { timeZone = zone });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task PostAndWaitAsync(string account, IReadOnlyList<CounterEvent> events, Period year)
    {
        foreach (var batch in events.Chunk(500))
        {
            await gateway.Client.PostAsync(batch);
        }

        await Eventually.ReadAsync(() => TrackAsync(account, year), body => body.GetProperty("total").GetInt64() == events.Count(e => year.Contains(e.Timestamp)), TimeSpan.FromSeconds(30));
    }

    private async Task<JsonElement> TrackAsync(string account, Period period)
    {
        var (_, body) = await StatsApi.GetAsync(gateway, StatsClient.TrackPath(SeriesKey.AllUrlsOf(account, "pageview"), period));
        return body;
    }

    private static CounterEvent Event(string account, DateTime at) => new() { Account = account, Type = "pageview", Url = "/", Timestamp = at };
}
