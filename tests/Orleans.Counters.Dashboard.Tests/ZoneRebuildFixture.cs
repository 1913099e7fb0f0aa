using System.Net.Http.Headers;

namespace Orleans.Counters.Dashboard.Tests;

/// <summary>
/// A gateway that asks for keys, with account <see cref="Account"/> in <see cref="FormerZone"/> from before its
/// first event, and <see cref="Events"/> counted: pageviews one every 61 minutes through 2023, so that thousands of
/// hours hold counts and re-counting them into another zone takes seconds, long enough for a page to show it running.
/// </summary>
public sealed class ZoneRebuildFixture : IAsyncLifetime
{
    /// <summary>The account whose zone the test changes.</summary>
    public const string Account = "moving";

    /// <summary>The account's zone until the test changes it.</summary>
    public const string FormerZone = "Asia/Kolkata";

    /// <summary>The zone the test changes it to: half an hour off the former zone's hours, so uniques become approximate.</summary>
    public const string NewZone = "America/New_York";

    private GatewayProcess? _gateway;

    /// <summary>The browser.</summary>
    public Chromium Chromium { get; } = new();

    /// <summary>The events counted for <see cref="Account"/>: 8,000 pageviews, one every 61 minutes from 2023-01-01 00:01 UTC, by 40 users.</summary>
    public IReadOnlyList<CounterEvent> Events { get; } = [.. Enumerable.Range(0, 8_000).Select(i => new CounterEvent
    {
        Account = Account,
        Type = "pageview",
        Url = "/",
        Timestamp = new DateTime(2023, 1, 1, 0, 1, 0, DateTimeKind.Utc).AddMinutes(61 * i),
        UserId = "user-" + (i % 40),
    })];

    /// <summary>The gateway's address.</summary>
    public Uri Address => _gateway!.Address;

    /// <summary>A client of the gateway that sends the admin key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The account's read key, which the page is given.</summary>
    public string ReadKey { get; private set; } = null!;

    /// <summary>How many of <see cref="Events"/> each segment of <paramref name="period"/> holds.</summary>
    public long[] Segments(Period period) => SeededTraffic.Segments(Events.Where(e => period.Contains(e.Timestamp)), period);

    /// <summary>The API's track answer of the account's pageviews in a period, such as <c>2023</c>.</summary>
    public async Task<JsonElement> TrackAsync(string path) =>
        await Admin.GetFromJsonAsync<JsonElement>($"/api/stats/track/{Account}/pageview/{path}");

    /// <summary>The account's settings, with the rebuild's progress.</summary>
    public async Task<JsonElement> SettingsAsync() =>
        await Admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{Account}/settings");

    /// <summary>Sets the account's zone; throws unless the gateway answers 200.</summary>
    public async Task<JsonElement> SetZoneAsync(string zone)
    {
        using var response = await Admin.PutAsJsonAsync($"/api/accounts/{Account}/settings", new { timeZone = zone });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        _gateway = await GatewayProcess.StartAsync("--Counters:Security:AdminKey", KeysFixture.AdminKey);
        Admin = new HttpClient { BaseAddress = _gateway.Address, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", KeysFixture.AdminKey) } };
        ReadKey = await KeyedAccount.CreateAsync(Admin, Account, FormerZone, Events);

        var year = Period.Year(2023, FormerZone);
        var expected = Events.Count(e => year.Contains(e.Timestamp));
        try
        {
            await Eventually.ReadAsync(async () => (await TrackAsync("2023")).GetProperty("total").GetInt64(), total => total == expected, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}; expected {expected}\n{_gateway.Log}", timeout);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        await Chromium.DisposeAsync();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
