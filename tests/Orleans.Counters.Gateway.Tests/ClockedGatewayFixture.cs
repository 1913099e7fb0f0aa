using Microsoft.AspNetCore.Builder;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// A gateway, with its in-process silo, whose clock starts ten minutes after midnight in Kolkata
/// (18:40 UTC the day before): relative periods are resolved against it, in an account's time zone.
/// </summary>
public sealed class ClockedGatewayFixture : IAsyncLifetime
{
    /// <summary>What the clock says when the gateway starts: 2025-03-10 00:10 in Kolkata, 2025-03-09 18:40 UTC.</summary>
    public static readonly DateTime StartsAt = new(2025, 3, 9, 18, 40, 0, DateTimeKind.Utc);

    private WebApplication? _app;

    /// <summary>The gateway's clock.</summary>
    public ShiftedClock Clock { get; } = new(new DateTimeOffset(StartsAt));

    /// <summary>A client for the gateway's address.</summary>
    public StatsClient Client { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _app = await TestGateway.StartAsync(Clock, "--Counters:Limits:MaxAge", "3650.00:00:00");
        Client = new StatsClient(new HttpClient { BaseAddress = new Uri(_app.Urls.First()) });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Client?.Http.Dispose();
        await TestGateway.StopAsync(_app);
    }
}

/// <summary>The test classes that share the gateway with a clock of its own.</summary>
[CollectionDefinition(Name)]
public sealed class ClockedGatewayCollection : ICollectionFixture<ClockedGatewayFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "clocked gateway";
}
