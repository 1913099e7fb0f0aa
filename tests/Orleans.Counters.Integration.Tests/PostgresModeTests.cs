using Npgsql;
using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// PostgreSQL mode as a user runs it: a silo process and a separate gateway process (an Orleans
/// client), both configured from silo-config/, against a real PostgreSQL, with the events stream in
/// memory or in the durable PostgreSQL queue. Counts survive a silo restart, and counting goes on
/// after it; the durable queue is drained by acknowledgements, with no dead letters.
/// </summary>
public sealed class PostgresModeTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [SkippableTheory]
    [InlineData("Memory")]
    [InlineData("PostgreSql")]
    public async Task CountsSurviveASiloRestart(string streams)
    {
        var connectionString = postgres.Require();
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        string[] shared = ["--Counters:Cluster:ClusterId", clusterId, "--Counters:Cluster:ServiceId", clusterId, "--Counters:Streams", streams];
        var siloPort = FreePort.Next().ToString();
        var gatewayPort = FreePort.Next().ToString();
        string[] siloArguments =
        [
            "--config", "silo-config/silo.postgres.json", .. shared,
            "--ConnectionStrings:Counters", connectionString + ";Maximum Pool Size=40;Timeout=30",
            "--Counters:Cluster:SiloPort", siloPort, "--Counters:Cluster:GatewayPort", gatewayPort,
            "--Counters:Cluster:AdvertisedAddress", "127.0.0.1",
        ];
        var httpUrl = $"http://127.0.0.1:{FreePort.Next()}";

        var silo = HostProcess.Start("Orleans.Counters.Silo", siloArguments);
        await using var gateway = HostProcess.Start(
            "Orleans.Counters.Gateway",
            [
                "--config", "silo-config/gateway.postgres.json", .. shared,
                "--ConnectionStrings:Counters", connectionString + ";Maximum Pool Size=10;Timeout=30",
                "--urls", httpUrl, "--Counters:Limits:MaxAge", "3650.00:00:00",
            ]);
        using var http = new HttpClient { BaseAddress = new Uri(httpUrl) };
        var client = new StatsClient(http);
        try
        {
            await WaitUntilServingAsync(http, () => silo.Log + gateway.Log);

            var truth = new GroundTruth();
            var first = new EventGenerator(seed: 11).Generate(2_000, hours: 16);
            await PostAllAsync(client, truth, first);
            await AssertMatchesTruthAsync(client, truth, "before the restart");

            await silo.StopAsync(TimeSpan.FromSeconds(30));
            await silo.DisposeAsync();
            silo = HostProcess.Start("Orleans.Counters.Silo", siloArguments);
            await WaitUntilServingAsync(http, () => silo.Log + gateway.Log);
            await AssertMatchesTruthAsync(client, truth, "after the restart");

            var second = new EventGenerator(seed: 12).Generate(1_000, hours: 8);
            await PostAllAsync(client, truth, second);
            await AssertMatchesTruthAsync(client, truth, "after counting on");
            Assert.True(await CountAsync(connectionString, "SELECT count(*) FROM OrleansStorage") > 0);
            if (streams == "PostgreSql")
            {
                var queued = await Eventually.ReadAsync(
                    () => CountAsync(connectionString, "SELECT count(*) FROM counters_stream_message"), n => n == 0, TimeSpan.FromSeconds(60));
                Assert.True(queued == 0, $"{queued} messages still queued: not acknowledged");
                Assert.Equal(0, await CountAsync(connectionString, "SELECT count(*) FROM counters_stream_dead_letter"));
            }
        }
        finally
        {
            await silo.DisposeAsync();
            output.WriteLine("--- silo ---\n" + silo.Log + "\n--- gateway ---\n" + gateway.Log);
        }
    }

    private static async Task PostAllAsync(StatsClient client, GroundTruth truth, IReadOnlyList<CounterEvent> events)
    {
        foreach (var batch in events.Chunk(500))
        {
            await client.PostAsync(batch);
        }

        truth.Add(events);
    }

    private async Task AssertMatchesTruthAsync(StatsClient client, GroundTruth truth, string when)
    {
        CountsVerifier.CountsReader read = client.TrackAsync;
        await CountsVerifier.WaitForYearsAsync(truth, read, TimeSpan.FromSeconds(30));
        var report = await CountsVerifier.VerifyAsync(truth, read);
        output.WriteLine($"{when}: {report}");
        Assert.True(report.Mismatches.Count == 0, $"{when}: {report}");
    }

    private static async Task WaitUntilServingAsync(HttpClient http, Func<string> logs)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/api/stats/track/all/pageview/2025");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The gateway did not serve within {StartTimeout}:\n{logs()}");
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
