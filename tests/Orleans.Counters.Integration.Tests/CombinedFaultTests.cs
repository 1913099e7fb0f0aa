using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// Three faults in one run, as the README's "Several silos on one machine" cluster meets them: three
/// silos, two gateways, a seeded load with event ids spread over both gateways, and during it a silo
/// killed with SIGKILL, PostgreSQL aborted (like a crash) and started again, and a gateway killed with
/// SIGKILL (the load goes on through the other; it is started again once the load is in). Then every
/// year, month and day and a sample of hours must equal ground truth through both gateways within 60 s
/// of the last recovery, every period through both afterwards, and each counter grain that holds data
/// must be active exactly once: a duplicate activation answers reads from its own stale state (once
/// seen: a year read 3,370 through one gateway and 0 through the other, for 20 minutes).
/// <c>scripts/combined-faults.sh N</c> repeats it with varied seeds and timings
/// (<see cref="CombinedFaultSettings"/>), because that failure came once in 13 runs.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CombinedFaultTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const int KilledSilo = 1;
    private static readonly TimeSpan ExactWithin = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task SiloKillDatabaseCrashAndGatewayKillUnderLoad_EveryPeriodExactThroughBothGateways_OneActivationPerGrain()
    {
        var connectionString = postgres.Require();
        var settings = CombinedFaultSettings.FromEnvironment();
        await using var cluster = ChaosTests.StartDurableCluster(connectionString, silos: 3);
        var second = cluster.AddGateway();
        try
        {
            await cluster.StartGatewayAsync();
            await cluster.StartGatewayAsync(second);
            var load = new ChaosLoad(cluster, connectionString) { Seed = settings.Seed, RetryWhenTheGatewayGoesAway = true, ExactWithin = ExactWithin };
            var outcome = await load.RunAsync(
            [
                new ChaosFault($"kill -9 of silo {KilledSilo}", settings.Silo.Share, settings.Silo.Delay, () => cluster.KillSiloAsync(KilledSilo)),
                new ChaosFault($"PostgreSQL aborted for {settings.Outage.TotalSeconds:0.#} s", settings.Postgres.Share, settings.Postgres.Delay, async () =>
                {
                    await postgres.StopAsync(immediate: true);
                    await Task.Delay(settings.Outage);
                    await postgres.RestartAsync();
                }),
                new ChaosFault($"kill -9 of gateway {second}", settings.Gateway.Share, settings.Gateway.Delay, () => cluster.KillGatewayAsync(second), () => cluster.StartGatewayAsync(second)),
            ]);

            // The final verification read every period of the truth through both gateways, so every grain
            // with data is active now: the census can count them all (see ActivationCensus).
            var census = await ActivationCensus.TakeAsync(cluster, connectionString, load.Truth);
            var label = $"kill -9 of a silo, PostgreSQL crash and kill -9 of a gateway (3 silos, 2 gateways; {settings}; {census})";
            output.WriteLine($"{label}: {outcome}");
            outcome.Record(label);
            outcome.AssertExact();
            Assert.True(census.OneActivationPerStoredGrain, census.ToString());
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }
}
