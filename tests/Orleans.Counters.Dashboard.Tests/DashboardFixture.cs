namespace Orleans.Counters.Dashboard.Tests;

/// <summary>
/// One open-mode gateway process and one browser for the dashboard tests, with a site's seeded 2025
/// traffic posted over HTTP to <see cref="Account"/>, and a little traffic of the last hour so that
/// its live view is not empty.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>The account of the seeded traffic.</summary>
    public const string Account = "shop";

    /// <summary>Events of the last hour posted for <see cref="Account"/>, beside the 2025 traffic.</summary>
    public const int RecentEvents = 180;

    private GatewayProcess? _gateway;

    /// <summary>The browser.</summary>
    public Chromium Chromium { get; } = new();

    /// <summary>The 2025 traffic posted to <see cref="Account"/>.</summary>
    public SeededTraffic Traffic { get; } = SeededTraffic.For(Account);

    /// <summary>The gateway's address.</summary>
    public Uri Address => _gateway!.Address;

    /// <summary>A client of the gateway's API, to compare the page with.</summary>
    public StatsClient Api { get; private set; } = null!;

    /// <summary>A page of the dashboard of <paramref name="account"/>, in a fresh browser context.</summary>
    public async Task<DashboardPage> OpenAsync(string account = Account, string? query = null, int width = 1280, int height = 900)
    {
        var page = await Chromium.NewPageAsync(width, height);
        return await DashboardPage.OpenAsync(page, Address, account + query);
    }

    /// <summary>A track answer of the API, as JSON.</summary>
    public async Task<JsonElement> TrackAsync(string type, Period period)
    {
        var text = await Api.Http.GetStringAsync(StatsClient.TrackPath(SeriesKey.AllUrlsOf(Account, type), period));
        return JsonDocument.Parse(text).RootElement;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        _gateway = await GatewayProcess.StartAsync();
        Api = new StatsClient(new HttpClient { BaseAddress = _gateway.Address });
        foreach (var batch in Traffic.Events.Chunk(500))
        {
            await Api.PostAsync(batch);
        }

        var now = DateTime.UtcNow;
        await Api.PostAsync(Recent(now));
        // Fresh within a second (the design's invariant); waiting here keeps each test's reads simple.
        var recent = $"/api/stats/{Account}/summary?type=pageview&from={now.AddHours(-2):O}&to={now.AddMinutes(2):O}";
        var recentCounted = await Eventually.ReadAsync(
            async () => (await Api.Http.GetFromJsonAsync<JsonElement>(recent)).GetProperty("counts").GetProperty("pageview").GetInt64(),
            total => total == RecentEvents,
            TimeSpan.FromSeconds(30));
        Assert.Equal(RecentEvents, recentCounted);
        var year = Period.Year(SeededTraffic.Year);
        var expected = Traffic.In("pageview", year.Start, year.End).Count();
        var counted = await Eventually.ReadAsync(
            async () => (await TrackAsync("pageview", year)).GetProperty("total").GetInt64(),
            total => total == expected,
            KeysFixture.RollupPatience);
        Assert.Equal(expected, counted);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Api?.Http.Dispose();
        await Chromium.DisposeAsync();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    // A busy last hour, busier towards now, all of it in the past (the gateway refuses the future).
    private static List<CounterEvent> Recent(DateTime now)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, RecentEvents).Select(i => new CounterEvent
        {
            Account = Account,
            Type = "pageview",
            Url = i % 3 == 0 ? "/pricing" : "/",
            Timestamp = now.AddSeconds(-Math.Pow(random.NextDouble(), 1.6) * 3500),
            UserId = $"recent-{random.Next(90)}",
        })];
    }
}

/// <summary>The dashboard tests that share one gateway and browser.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "dashboard";
}
