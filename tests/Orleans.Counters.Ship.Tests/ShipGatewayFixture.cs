using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Orleans.Counters.Gateway;

namespace Orleans.Counters.Ship.Tests;

/// <summary>
/// The real gateway, with its in-process silo, on a loopback port, for the shipper to send to. Its
/// age limit is wide so that events of any recent day are taken; each test uses an account of its own.
/// Open (no keys) unless built with an admin key.
/// </summary>
public class ShipGatewayFixture : IAsyncLifetime
{
    private readonly string? _adminKey;
    private WebApplication? _app;

    /// <summary>An open gateway.</summary>
    public ShipGatewayFixture()
    {
    }

    /// <summary>A gateway that asks for keys, with this admin key; <see cref="Client"/> sends it.</summary>
    protected ShipGatewayFixture(string adminKey) => _adminKey = adminKey;

    /// <summary>The gateway's address, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>A client for the gateway's address.</summary>
    public StatsClient Client { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var arguments = HostArguments.Gateway(new Uri("http://127.0.0.1:0"))
            .Set("Counters:Limits:MaxEventsPerRequest", 1000)
            .Set("Counters:Limits:MaxAge", "3650.00:00:00")
            .Set("Logging:LogLevel:Default", "Warning");
        if (_adminKey is not null)
        {
            arguments.Set("Counters:Security:AdminKey", _adminKey);
        }

        _app = await CountersGateway.BuildAsync(arguments.ToArray());
        await _app.StartAsync();
        Url = _app.Urls.First();
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        if (_adminKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);
        }

        Client = new StatsClient(http);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Client?.Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>A new account name for one test.</summary>
    public static string NewAccount(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>The pageview count of an account (or one of its URLs) over the UTC days of the given instants.</summary>
    public async Task<long> DayTotalAsync(string account, IEnumerable<DateTime> instants, string url = SeriesKey.AllUrls)
    {
        long total = 0;
        foreach (var day in instants.Select(instant => Period.Containing(PeriodKind.Day, instant)).Distinct())
        {
            total += (await Client.TrackAsync(new SeriesKey(account, ShipOptions.DefaultType, url), day)).Total;
        }

        return total;
    }

    /// <summary>Every URL's pageview count on one UTC day, from the top list (exact: every URL has its own counter).</summary>
    public async Task<IReadOnlyDictionary<string, long>> UrlCountsAsync(string account, DateTime day)
    {
        using var document = JsonDocument.Parse(await Client.Http.GetStringAsync(
            $"/api/stats/{account}/top?type={ShipOptions.DefaultType}&period={day:yyyy-MM-dd}&limit=1000"));
        return document.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(item => item.GetProperty("value").GetString()!, item => item.GetProperty("count").GetInt64());
    }
}

/// <summary>The tests that send to one running gateway; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ShipGatewayCollection : ICollectionFixture<ShipGatewayFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "ship gateway";
}
