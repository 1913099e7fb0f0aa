using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// Durable mode while PostgreSQL goes away: three silo processes and a gateway on loopback, a
/// seeded load, and the database server aborted (like a crash) in the middle of it and started
/// again after a while. While it is down the gateway answers 503 problem+json, which the client
/// retries; afterwards every period at every level equals ground truth.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DatabaseOutageTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task RestartingPostgresUnderLoadLosesAndDoublesNothing()
    {
        var connectionString = postgres.Require();
        await using var cluster = ChaosTests.StartDurableCluster(connectionString, silos: 3);
        try
        {
            await cluster.StartGatewayAsync();
            var outcome = await new ChaosLoad(cluster, connectionString) { Seed = 37 }.RunAsync(async () =>
            {
                await postgres.StopAsync(immediate: true);
                await Task.Delay(Outage);
                await postgres.RestartAsync();
            });

            output.WriteLine($"PostgreSQL aborted and restarted: {outcome}");
            outcome.Record("PostgreSQL aborted and restarted");
            outcome.AssertExact();
            Assert.True(outcome.Refusals.ContainsKey(System.Net.HttpStatusCode.ServiceUnavailable), "The gateway never answered 503: the outage missed the load.");
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }
}
