using Microsoft.AspNetCore.Builder;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>A gateway, with its in-process silo, whose accounts keep 4 URLs an hour, 2 types and 1 property name.</summary>
public sealed class CappedGatewayFixture : IAsyncLifetime
{
    /// <summary>The URL counters an account's hour keeps.</summary>
    public const int MaxUrlsPerHour = 4;

    private WebApplication? _app;

    /// <summary>A client for the gateway's address.</summary>
    public StatsClient Client { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _app = await TestGateway.StartAsync(
            "--Counters:Limits:MaxAge", "3650.00:00:00",
            "--Counters:Grains:MaxUrlsPerHour", MaxUrlsPerHour.ToString(),
            "--Counters:Grains:MaxTypes", "2",
            "--Counters:Grains:MaxPropertyNames", "1");
        Client = new StatsClient(new HttpClient { BaseAddress = new Uri(_app.Urls.First()) });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Client?.Http.Dispose();
        await TestGateway.StopAsync(_app);
    }
}
