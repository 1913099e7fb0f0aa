using Microsoft.AspNetCore.Builder;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// The memory mode remembers no event ids, so an import there could not count a second run once:
/// <c>POST /api/import</c> refuses with 409, saying why, and counts nothing.
/// </summary>
public sealed class ImportInMemoryModeTests : IAsyncLifetime
{
    private WebApplication? _app;

    [Fact]
    public async Task AnImportIsRefusedWith409NamingTheDurableQueue()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_app!.Urls.First()) };
        var at = DateTime.UtcNow.AddDays(-2).ToString("O");

        using var response = await client.PostAsync(
            "/api/import",
            new StringContent($$"""[{"account":"imp-memory","type":"pageview","id":"a","timestamp":"{{at}}"}]""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("PostgreSQL mode", detail);
        var day = await new StatsClient(client).TrackAsync(SeriesKey.AllUrlsOf("imp-memory", "pageview"), Period.Containing(PeriodKind.Day, DateTime.UtcNow.AddDays(-2)));
        Assert.Equal(0, day.Total);
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => _app = await TestGateway.StartAsync("--Counters:Dashboard:Enabled", "false");

    /// <inheritdoc />
    public Task DisposeAsync() => TestGateway.StopAsync(_app);
}
