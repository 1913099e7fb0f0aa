using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// The silo process serves <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c> on
/// <c>Counters:Silo:HttpPort</c>, as Kubernetes probes and Prometheus scrape it: ready once this silo
/// is active in the membership and its storage answers.
/// </summary>
public sealed class SiloOperationsTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AMemorySilo_IsLiveReadyAndScraped()
    {
        var (silo, http) = StartSilo();
        await using var _ = silo;
        using var __ = http;

        var ready = await WaitUntilReadyAsync(silo, http);
        Assert.Equal("memory", ready.GetProperty("checks").GetProperty("storage").GetProperty("description").GetString());
        await AssertLiveAndScrapedAsync(silo, http);
    }

    [SkippableFact]
    public async Task APostgreSqlSilo_IsReadyOnceItJoinedAndItsDatabaseAnswers()
    {
        var connectionString = postgres.Require();
        var id = "ops-" + Guid.NewGuid().ToString("N")[..8];
        var (silo, http) = StartSilo(
            "--config", "silo-config/silo.postgres.json",
            "--ConnectionStrings:Counters", connectionString + ";Maximum Pool Size=10;Timeout=30",
            "--Counters:Cluster:ClusterId", id, "--Counters:Cluster:ServiceId", id,
            "--Counters:Cluster:AdvertisedAddress", "127.0.0.1");
        await using var _ = silo;
        using var __ = http;

        var ready = await WaitUntilReadyAsync(silo, http);
        Assert.Equal("PostgreSQL", ready.GetProperty("checks").GetProperty("storage").GetProperty("description").GetString());
        await AssertLiveAndScrapedAsync(silo, http);
    }

    [Fact]
    public async Task ASiloStoppedWhileStarting_ExitsCleanly()
    {
        var (silo, http) = StartSilo();
        await using var _ = silo;
        using var __ = http;

        // Orleans writes this note as the silo starts, before it joins: SIGTERM lands mid-start.
        await Eventually.ReadAsync(() => Task.FromResult(silo.Log), log => log.Contains("ServerGC", StringComparison.Ordinal) || silo.HasExited, StartTimeout);
        await silo.TerminateAsync();
        var exitCode = await silo.WaitForExitAsync(StartTimeout);

        output.WriteLine(silo.Log);
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{silo.Log}");
    }

    private static (ProcessHost Silo, HttpClient Http) StartSilo(params string[] settings)
    {
        var arguments = new HostArguments().Add(settings).OrleansPorts().SiloHttpPort();
        var silo = ProcessHost.StartProgram("Orleans.Counters.Silo", arguments.ToArray());
        return (silo, new HttpClient { BaseAddress = arguments.SiloHttp });
    }

    private static async Task<JsonElement> WaitUntilReadyAsync(ProcessHost silo, HttpClient http)
    {
        var ready = await Readiness.WaitAsync(http.BaseAddress!, [silo], StartTimeout, notReady: (status, text) =>
        {
            // Before the silo has joined: 503 and the reason, never another answer.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", JsonDocument.Parse(text).RootElement.GetProperty("status").GetString());
        });
        var body = JsonDocument.Parse(ready).RootElement.Clone();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.StartsWith("this silo is active", body.GetProperty("checks").GetProperty("cluster").GetProperty("description").GetString());
        return body;
    }

    private async Task AssertLiveAndScrapedAsync(ProcessHost silo, HttpClient http)
    {
        try
        {
            using var live = await http.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);

            using var metrics = await http.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType?.MediaType);
            var text = await metrics.Content.ReadAsStringAsync();
            // Orleans' own instruments (meter Microsoft.Orleans), e.g. its catalog's activation counts.
            Assert.Matches(@"(?m)^orleans_\w+(\{[^}]*\})? \d", text);
            Assert.Contains("http_server_request_duration", text);
        }
        catch
        {
            output.WriteLine(silo.Log);
            throw;
        }
    }
}
