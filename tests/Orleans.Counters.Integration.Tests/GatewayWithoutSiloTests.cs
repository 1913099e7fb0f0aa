using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// A gateway process in cluster mode started before any silo, on a fresh PostgreSQL database (no
/// schema yet, as when compose or Kubernetes start everything at once): it listens at once and answers
/// every API request 503 problem+json with <c>Retry-After</c>, never 500; once a silo has joined it
/// serves and counts; with every silo gone again its reads answer 503.
/// </summary>
public sealed class GatewayWithoutSiloTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const string Account = "early";
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(90);
    private static readonly DateTime Hour = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>One request to each API endpoint, valid, so that only the cluster's absence can refuse it.</summary>
    private static IEnumerable<(string Name, Func<HttpRequestMessage> Request)> ApiRequests() =>
    [
        ("POST /api/events", () => Json(HttpMethod.Post, "/api/events", new[] { new { account = Account, type = "pageview", url = "/a", timestamp = Hour } })),
        .. ReadRequests(),
        ("PUT settings", () => Json(HttpMethod.Put, $"/api/accounts/{Account}/settings", new { timeZone = "Europe/Paris" })),
        ("POST /api/accounts", () => Json(HttpMethod.Post, "/api/accounts", new { account = Account })),
        ("GET keys", () => new HttpRequestMessage(HttpMethod.Get, $"/api/accounts/{Account}/keys")),
        ("POST keys", () => Json(HttpMethod.Post, $"/api/accounts/{Account}/keys", new { kind = "read" })),
        ("DELETE key", () => new HttpRequestMessage(HttpMethod.Delete, $"/api/accounts/{Account}/keys/0000000000000000")),
        ("PUT /event_generate", () => Json(HttpMethod.Put, "/event_generate", new { type = "pageview", url = "/a", date = "2025-06-01T12:00:00" })),
        ("POST /event_track", () => Json(HttpMethod.Post, "/event_track", new { type = "pageview", url = "/a", date = "2025-06-01" })),
        ("POST /event_report", () => Json(HttpMethod.Post, "/event_report", new { url = "/a", date = "2025-06-01" })),
    ];

    /// <summary>The read endpoints: these need a silo whenever they are asked.</summary>
    private static IEnumerable<(string Name, Func<HttpRequestMessage> Request)> ReadRequests() =>
    [
        ("GET track", () => new HttpRequestMessage(HttpMethod.Get, $"/api/stats/track/{Account}/pageview/2025")),
        ("GET realtime", () => new HttpRequestMessage(HttpMethod.Get, $"/api/stats/{Account}/realtime?type=pageview")),
        ("GET summary", () => new HttpRequestMessage(HttpMethod.Get, $"/api/stats/{Account}/summary?type=pageview&from=2025-06-01&to=2025-06-02")),
        ("GET top", () => new HttpRequestMessage(HttpMethod.Get, $"/api/stats/{Account}/top?type=pageview&period=2025-06-01")),
        ("GET timeseries", () => new HttpRequestMessage(HttpMethod.Get, $"/api/stats/{Account}/timeseries?type=pageview&period=2025-06-01")),
        ("GET settings", () => new HttpRequestMessage(HttpMethod.Get, $"/api/accounts/{Account}/settings")),
    ];

    [SkippableFact]
    public async Task BeforeAnySilo_EveryApiEndpointAnswers503_ThenItServesOnceASiloJoins()
    {
        var connectionString = postgres.Require();
        await using var cluster = new CountersCluster(connectionString);
        try
        {
            cluster.StartGateway();
            await cluster.WaitUntilGatewayListensAsync();

            foreach (var (name, request) in ApiRequests())
            {
                await AssertRetryLaterAsync(cluster.Http, name, request);
            }

            using (var ready = await cluster.Http.GetAsync("/health/ready"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }

            var silo = cluster.StartSilo();
            await cluster.WaitUntilSiloReadyAsync(silo);
            var accepted = await Eventually.ReadAsync(
                async () =>
                {
                    using var response = await cluster.Http.SendAsync(ApiRequests().First().Request());
                    return response.StatusCode;
                },
                status => status == HttpStatusCode.Accepted,
                JoinTimeout);
            Assert.Equal(HttpStatusCode.Accepted, accepted);
            var counted = await Eventually.ReadAsync(
                () => cluster.Client.TrackAsync(SeriesKey.AllUrlsOf(Account, "pageview"), Period.Containing(PeriodKind.Hour, Hour)),
                counts => counts.Total == 1,
                JoinTimeout);
            Assert.Equal(1, counted.Total);

            // Every silo gone again: the client had connected, so it is the cluster's calls that fail.
            Assert.Equal(0, await cluster.StopSiloAsync(silo, JoinTimeout));
            foreach (var (name, request) in ReadRequests())
            {
                await AssertRetryLaterAsync(cluster.Http, name, request);
            }
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }

    private static async Task AssertRetryLaterAsync(HttpClient http, string name, Func<HttpRequestMessage> request)
    {
        using var message = request();
        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{name} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter is not null, $"{name} answered 503 without Retry-After");
    }

    private static HttpRequestMessage Json<T>(HttpMethod method, string path, T body) =>
        new(method, path) { Content = JsonContent.Create(body) };
}
