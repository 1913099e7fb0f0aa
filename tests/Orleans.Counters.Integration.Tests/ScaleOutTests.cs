using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// Scaling the cluster under load, as a HorizontalPodAutoscaler does: a fourth silo joins three,
/// then one of the first three is stopped with SIGTERM. Queues and grains move between silos both
/// times; every period still equals ground truth, nothing lost or counted twice.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ScaleOutTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task AddingASiloAndRemovingOneUnderLoadLosesAndDoublesNothing()
    {
        var connectionString = postgres.Require();
        await using var cluster = ChaosTests.StartDurableCluster(connectionString, silos: 3);
        try
        {
            await cluster.StartGatewayAsync();
            var exitCode = -1;
            var joining = new System.Diagnostics.Stopwatch();
            var stopping = new System.Diagnostics.Stopwatch();
            var outcome = await new ChaosLoad(cluster, connectionString) { Seed = 53 }.RunAsync(async () =>
            {
                joining.Start();
                var added = cluster.StartSilo();
                await cluster.WaitUntilSiloReadyAsync(added);
                joining.Stop();
                stopping.Start();
                exitCode = await cluster.StopSiloAsync(0, StopTimeout);
                stopping.Stop();
            });

            // What the ingest grains repaired, from IngestGrain's log lines: new hour activations, and the messages re-applied to them.
            var repairs = System.Text.RegularExpressions.Regex.Matches(cluster.Logs, @"is a new activation: re-applied (\d+) unacknowledged messages");
            var reapplied = repairs.Sum(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            output.WriteLine($"scale 3 → 4 → 3 silos: {outcome}");
            outcome.Record($"scale 3 → 4 → 3 silos (a fourth was ready after {joining.Elapsed.TotalSeconds:0.0} s; then the first, stopped with SIGTERM, exited with {exitCode} after {stopping.Elapsed.TotalSeconds:0.0} s; {repairs.Count} new hour activations took {reapplied} unacknowledged messages again)");
            Assert.Equal(0, exitCode);
            outcome.AssertExact();
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }
}
