using Microsoft.AspNetCore.Builder;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// The real gateway, with its in-process silo, listening on a loopback port. Limits are set low
/// enough to test and the event age limit wide enough for the generator's 2024–2025 events.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    /// <summary>The body limit the tests run with.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The batch limit the tests run with.</summary>
    public const int MaxEventsPerRequest = 1000;

    /// <summary>
    /// The account the Spring event-counter endpoints count in (<c>Counters:SpringEventCounter:Account</c>). No other test sends
    /// to it, so its counts are their tests' own.
    /// </summary>
    public const string SpringEventCounterAccount = "spring-tests";

    private WebApplication? _app;

    /// <summary>The gateway's services: its cluster client, for tests that look at the grains themselves.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>A client for the gateway's address.</summary>
    public StatsClient Client { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _app = await TestGateway.StartAsync(
            "--Counters:Limits:MaxBodyBytes", MaxBodyBytes.ToString(),
            "--Counters:Limits:MaxEventsPerRequest", MaxEventsPerRequest.ToString(),
            "--Counters:Limits:MaxAge", "3650.00:00:00",
            "--Counters:SpringEventCounter:Account", SpringEventCounterAccount);
        Client = new StatsClient(new HttpClient { BaseAddress = new Uri(_app.Urls.First()) });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Client?.Http.Dispose();
        await TestGateway.StopAsync(_app);
    }
}

/// <summary>The test classes that share one running gateway.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "gateway";
}

/// <summary>
/// The ground-truth test has a gateway of its own: the <c>all</c> account sums every account, so
/// events other tests send would show up in it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GroundTruthCollection : ICollectionFixture<GatewayFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "ground truth";
}
