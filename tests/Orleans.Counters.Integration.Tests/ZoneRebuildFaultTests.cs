using System.Diagnostics;
using Xunit.Abstractions;

namespace Orleans.Counters.Integration.Tests;

/// <summary>
/// A time zone rebuild (issue 21) is durable and resumable in durable mode: three silos, two gateways, an account with
/// thousands of hours with counts moved from UTC into Asia/Kolkata, and, once the rebuild is moving hours, the silo that
/// runs it killed with SIGKILL, or PostgreSQL aborted and started again. Events are posted before and after the fault.
/// Afterwards the rebuild says it is done with every hour it found moved, and every hour (by minute), day, month and year
/// of the new zone equals what the events give, through both gateways: nothing counted twice, nothing dropped.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ZoneRebuildFaultTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    // Thousands of hours, so the rebuild is still moving them when the fault strikes.
    private const int SeededHours = 2_000;

    // Past two writes of the rebuild's progress (every 256 hours): it resumes from a stored point, and moves the hours
    // after that point a second time.
    private const int MovedBeforeTheFault = 600;

    // Leaves the cluster time to declare a killed silo dead and the resumer (every 10 s) to ask the rebuild on again.
    private static readonly TimeSpan RebuildTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public Task KillingTheSiloThatRunsARebuild_ItResumesOnAnotherSilo_EveryPeriodOfTheNewZoneEqualsTheEvents() =>
        RunSeededAsync("tz-kill", async (cluster, run) =>
        {
            var clock = Stopwatch.StartNew();
            await run.ChangeZoneAsync();
            await run.PostMeanwhileAsync("before-kill", count: 300, seed: 1);
            var rebuilding = await Eventually.ReadAsync(() => Task.FromResult(SilosThatLogged(cluster, run.StartedLog)), silos => silos.Count > 0);
            var (moved, found) = await run.WaitMovingAsync(MovedBeforeTheFault);
            var killedAt = clock.Elapsed;
            await cluster.KillSiloAsync(rebuilding.Single());
            await run.PostMeanwhileAsync("after-kill", count: 300, seed: 2);

            var settings = await run.WaitRebuiltAsync(RebuildTimeout);
            var doneAt = clock.Elapsed;
            // The rebuild says done a moment before its silo logs it.
            var finishers = await Eventually.ReadAsync(() => Task.FromResult(SilosThatLogged(cluster, run.DoneLog)), silos => silos.Count > 0);
            Assert.True(finishers.Count == 1, $"The rebuild should have been finished by exactly one surviving silo, not [{string.Join(", ", finishers)}].");
            var compared = await run.AssertEveryPeriodAsync();

            output.WriteLine($"silo {rebuilding.Single()} (running the rebuild) killed at {killedAt.TotalSeconds:0.0} s after the change, {moved} of {found} hours moved; "
                + $"silo {finishers.Single()} finished it at {doneAt.TotalSeconds:0.0} s: {settings.GetProperty("rebuild")}; {run.Events.Count} events, {compared} periods equal through {cluster.Gateways.Count} gateways");
        });

    [SkippableFact]
    public Task AbortingPostgresDuringARebuild_ItGoesOnOnceBack_EveryPeriodOfTheNewZoneEqualsTheEvents() =>
        RunSeededAsync("tz-outage", async (cluster, run) =>
        {
            var clock = Stopwatch.StartNew();
            await run.ChangeZoneAsync();
            await run.PostMeanwhileAsync("before-outage", count: 300, seed: 3);
            var (moved, found) = await run.WaitMovingAsync(MovedBeforeTheFault);
            var abortedAt = clock.Elapsed;
            await postgres.StopAsync(immediate: true);
            await Task.Delay(Outage);
            await postgres.RestartAsync();
            await run.PostMeanwhileAsync("after-outage", count: 300, seed: 4);

            var settings = await run.WaitRebuiltAsync(RebuildTimeout);
            var doneAt = clock.Elapsed;
            // The outage must have struck the rebuild itself, not only the reads around it.
            Assert.True(SilosThatLogged(cluster, "tz-outage: a rebuild step (Moving) failed").Count > 0, "No silo logged a failed rebuild step: the outage missed the rebuild.");
            var compared = await run.AssertEveryPeriodAsync();

            output.WriteLine($"PostgreSQL aborted at {abortedAt.TotalSeconds:0.0} s after the change, {moved} of {found} hours moved, back {Outage.TotalSeconds:0} s later; "
                + $"done at {doneAt.TotalSeconds:0.0} s: {settings.GetProperty("rebuild")}; {run.Events.Count} events, {compared} periods equal through {cluster.Gateways.Count} gateways");
        });

    /// <summary>
    /// Both tests' ground: three silos and two gateways in durable mode, and <paramref name="account"/> seeded with
    /// <see cref="SeededHours"/> hours of events; the cluster's logs are written out when the test fails.
    /// </summary>
    private async Task RunSeededAsync(string account, Func<CountersCluster, ZoneRebuildRun, Task> test)
    {
        var connectionString = postgres.Require();
        await using var cluster = ChaosTests.StartDurableCluster(connectionString, silos: 3);
        var second = cluster.AddGateway();
        try
        {
            await cluster.StartGatewayAsync();
            await cluster.StartGatewayAsync(second);
            var run = new ZoneRebuildRun(cluster, account);
            await run.SeedAsync(SeededHours);
            await test(cluster, run);
        }
        catch
        {
            output.WriteLine(cluster.Logs);
            throw;
        }
    }

    /// <summary>The running silos whose log holds <paramref name="text"/>.</summary>
    private static List<int> SilosThatLogged(CountersCluster cluster, string text) =>
        [.. cluster.RunningSilos.Where(i => cluster.SiloLog(i).Contains(text, StringComparison.Ordinal))];
}
