using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// A gateway that asks for keys (an admin key is configured), with rate limits low enough to reach
/// in a test: each account's keys are its own, so tests stay apart by using accounts of their own.
/// </summary>
public sealed class KeysGatewayFixture : IAsyncLifetime
{
    /// <summary>The configured admin key.</summary>
    public const string AdminKey = "test-admin-key-0123456789abcdefghijklmnop";

    /// <summary>Requests a read key may make at once.</summary>
    public const int ReadBurst = 6;

    /// <summary>The Spring event-counter endpoints' account, set under the section's legacy name (<c>Counters:Seed001</c>), which still works.</summary>
    public const string SpringEventCounterAccount = "spring-keys";

    private WebApplication? _app;

    /// <summary>The gateway's services: its routes, for tests that look at them.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>The gateway's address.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>A client sending no key.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>A client sending the admin key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>A client sending <paramref name="key"/> as a bearer token.</summary>
    public HttpClient With(string key) => new()
    {
        BaseAddress = Address,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };

    /// <summary>Creates an account as the admin; its ingest and read keys.</summary>
    public Task<(string Ingest, string Read)> CreateAccountAsync(string account) => new StatsClient(Admin).CreateAccountAsync(account);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _app = await TestGateway.StartAsync(
            "--Counters:Security:AdminKey", AdminKey,
            "--Counters:RateLimits:Read:PermitsPerSecond", "1",
            "--Counters:RateLimits:Read:Burst", ReadBurst.ToString(),
            // Requests without a valid key share one bucket per address: the thousand mangled keys of one test
            // must not leave it empty for the wrong keys of the next (they got 429 instead of 401 in a full run).
            "--Counters:RateLimits:Anonymous:Burst", "100000",
            "--Counters:Seed001:Account", SpringEventCounterAccount);
        Address = new Uri(_app.Urls.First());
        Anonymous = new HttpClient { BaseAddress = Address };
        Admin = With(AdminKey);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Anonymous?.Dispose();
        Admin?.Dispose();
        await TestGateway.StopAsync(_app);
    }
}
