using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// Durable mode under failure: three silo processes and a gateway on loopback, a seeded load,
/// a silo killed with SIGKILL in the middle of it. Afterwards every period at every level equals
/// ground truth: nothing lost, nothing counted twice.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ChaosTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    [SkippableFact]
    public async Task KillingASiloUnderLoadLosesAndDoublesNothing()
    {
        var connectionString = postgres.Require();
        await using var cluster = StartDurableCluster(connectionString, silos: 3);
        try
        {
            await cluster.StartGatewayAsync();
            var outcome = await new ChaosLoad(cluster, connectionString).RunAsync(() => cluster.KillSiloAsync(1));

            output.WriteLine($"kill -9 of one of 3 silos: {outcome}");
            outcome.Record("kill -9 of one of 3 silos");
            outcome.AssertExact();
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }

    /// <summary>A cluster in durable mode (PostgreSQL storage, so the PostgreSQL events queue), as silo-config/ sets it up.</summary>
    internal static CountersCluster StartDurableCluster(string connectionString, int silos)
    {
        var cluster = new CountersCluster(connectionString);
        for (var i = 0; i < silos; i++)
        {
            cluster.StartSilo();
        }

        return cluster;
    }
}
