using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// A silo stopped the way Kubernetes or <c>docker compose stop</c> stops it, with SIGTERM, in the
/// middle of a seeded load: every period still equals ground truth, nothing lost or counted twice.
/// </summary>
[Trait("Category", "Slow")]
public sealed class GracefulShutdownTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    // Under the host's shutdown timeout (30 s): a stop that waits on something that hangs until the
    // timeout cuts it (the shutdown migrations did, 31 s) fails here. The aim is well under 10 s, met on
    // an idle machine (1.8–3.8 s measured); on two loaded cores the stream provider's stop, which waits for the
    // deliveries in flight (the load's first messages, each activating hundreds of counters), and the
    // counters' writes took 4–19 s at load averages of 10–57 (scripts/silo-stop-times.sh,
    // docs/BENCHMARKS.md), so that aim is reported in the outcome, not asserted.
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(25);

    [SkippableFact]
    public async Task StoppingASiloWithSigtermUnderLoadLosesAndDoublesNothing()
    {
        var connectionString = postgres.Require();
        await using var cluster = ChaosTests.StartDurableCluster(connectionString, silos: 3);
        try
        {
            await cluster.StartGatewayAsync();
            long deadWhenItExited = -1;
            var exitCode = -1;
            var stopping = new System.Diagnostics.Stopwatch();
            var outcome = await new ChaosLoad(cluster, connectionString) { Seed = 47 }.RunAsync(async () =>
            {
                stopping.Start();
                exitCode = await cluster.StopSiloAsync(1, StopTimeout);
                stopping.Stop();
                // Orleans' membership status 6 is Dead. Read as the process exits, it can only be the
                // silo's own goodbye: the others would need several missed probes to vote it out.
                deadWhenItExited = await Sql.CountAsync(connectionString, "SELECT count(*) FROM orleansmembershiptable WHERE status = 6");
            });

            // A fresh checkout has no TestResults yet: ChaosOutcome.Record creates it only below.
            var results = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "TestResults"));
            File.WriteAllText(Path.Combine(results.FullName, "graceful-shutdown.log"), cluster.Logs);
            output.WriteLine($"SIGTERM to one of 3 silos: {outcome}");
            outcome.Record($"SIGTERM to one of 3 silos (exited with {exitCode} after {stopping.Elapsed.TotalSeconds:0.0} s; {deadWhenItExited} silo marked dead in the membership table as it exited)");
            Assert.Equal(0, exitCode);
            // Orleans' membership status 6 is Dead: the silo said goodbye. (Two CI runs once saw 0: the
            // test had stopped a silo still joining; the cluster now waits until every silo is ready.)
            Assert.Equal(1, deadWhenItExited);
            outcome.AssertExact();
            Assert.True(stopping.Elapsed < StopWithin, $"the silo took {stopping.Elapsed.TotalSeconds:0.0} s to stop, more than {StopWithin.TotalSeconds:0} s");
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }
}
