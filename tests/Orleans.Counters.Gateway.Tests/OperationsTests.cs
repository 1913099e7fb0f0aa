using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>The operator's endpoints: health probes, Prometheus metrics, the OpenAPI document and its UI.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OperationsTests(GatewayFixture gateway)
{
    [Fact]
    public async Task LiveAndReady_Answer200_WhenTheClusterAndStorageAnswer()
    {
        var (_, live) = await StatsApi.GetAsync(gateway, "/health/live");
        var (_, ready) = await StatsApi.GetAsync(gateway, "/health/ready");

        Assert.Equal("Healthy", live.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());
        Assert.Equal("memory", ready.GetProperty("checks").GetProperty("storage").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Metrics_ShowOurCountersOrleansAndAspNetCore_InPrometheusFormat()
    {
        using (var accepted = await gateway.Client.Http.PostAsJsonAsync("/api/events", new[] { new { account = "ops-metrics", type = "pageview" }, new { account = "ops-metrics", type = "pageview" } }))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using (var refused = await gateway.Client.Http.PostAsJsonAsync("/api/events", new { account = "ops-metrics" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var text = await Eventually.ReadAsync(
            () => gateway.Client.Http.GetStringAsync("/metrics"),
            body => body.Contains("counters_events_accepted", StringComparison.Ordinal)
                && body.Contains("reason=\"invalid\"", StringComparison.Ordinal)
                && body.Contains("counters_freshness_lag_seconds_count", StringComparison.Ordinal));

        Assert.Matches(@"counters_events_accepted(_event)?_total(\{[^}]*\})? [1-9]", text);
        Assert.Matches(@"counters_events_refused(_event)?_total\{[^}]*reason=""invalid""[^}]*\} [1-9]", text);
        Assert.Contains("counters_ingest_duration", text);
        Assert.Matches(@"counters_grain_activations\{[^}]*kind=""hour""[^}]*\} [1-9]", text);
        Assert.Matches(@"counters_grain_activations\{[^}]*kind=""ingest""[^}]*\} [1-9]", text);
        Assert.Matches(@"counters_freshness_lag_seconds_count(\{[^}]*\})? [1-9]", text);
        Assert.Contains("orleans_", text);
        Assert.Contains("http_server_request_duration", text);
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheApi_AndItsUiIsServed()
    {
        var (_, document) = await StatsApi.GetAsync(gateway, "/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Contains("/api/events", paths);
        Assert.Contains("/api/stats/{account}/top", paths);
        Assert.Contains("/api/accounts/{account}/settings", paths);
        using var ui = await gateway.Client.Http.GetAsync("/openapi/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/admin/dead-letters")]
    [InlineData("POST", "/api/admin/dead-letters/replay")]
    public async Task DeadLetters_OnMemoryStreams_Answer409_ThereIsNoDurableQueue(string method, string path)
    {
        using var response = await gateway.Client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("No durable queue", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/events", "post", "202")]
    [InlineData("/api/stats/track/{account}/{type}/{year}", "get", "200")]
    [InlineData("/api/stats/track/{account}/{type}/{year}/{month}/{day}/{hour}", "get", "200")]
    [InlineData("/api/stats/{account}/top", "get", "200")]
    [InlineData("/api/accounts/{account}/settings", "put", "200")]
    [InlineData("/api/accounts", "post", "201")]
    [InlineData("/api/accounts/{account}/keys/{id}", "delete", "204")]
    [InlineData("/api/admin/dead-letters", "get", "200")]
    [InlineData("/event_report", "post", "200")]
    public async Task TheOpenApiDocument_DescribesEachAnswer_AndItsProblems(string path, string method, string success)
    {
        var (_, document) = await StatsApi.GetAsync(gateway, "/openapi/v1.json");

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        Assert.True(responses.TryGetProperty(success, out var answer), $"{method} {path} declares no {success}: {responses}");
        Assert.True(responses.TryGetProperty("400", out var problem), $"{method} {path} declares no 400: {responses}");
        Assert.True(problem.GetProperty("content").TryGetProperty("application/problem+json", out _));
        if (success != "204")
        {
            Assert.True(answer.GetProperty("content").TryGetProperty("application/json", out _));
        }
    }
}
