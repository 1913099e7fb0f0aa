using Orleans.Runtime;
using Xunit.Abstractions;

namespace Orleans.Counters.Grains.Tests;

/// <summary>Events published on the stream are counted exactly, in every period at every level.</summary>
public sealed class CountingTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private const int Seed = 20261123;
    private const int EventCount = 12_000;

    [Fact]
    public async Task EveryPeriodAtEveryLevelEqualsGroundTruthAndSurvivesReactivation()
    {
        var events = new EventGenerator(Seed).Generate(EventCount);
        var truth = new GroundTruth();
        truth.Add(events);
        var publisher = new EventPublisher(fixture.Client);
        foreach (var batch in events.Chunk(500))
        {
            await publisher.PublishAsync(batch);
        }

        CountsVerifier.CountsReader read = fixture.Client.GetCountsAsync;
        await CountsVerifier.WaitForYearsAsync(truth, read, TimeSpan.FromSeconds(60));
        var report = await CountsVerifier.VerifyAsync(truth, read);
        Assert.True(report.Mismatches.Count == 0, report.ToString());
        Assert.True(report.PeriodsCompared > 5_000, report.ToString());
        output.WriteLine($"{EventCount} events (seed {Seed}): {report}");

        // Let write-behind finish, then deactivate every idle grain and read everything again from storage.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var activeBefore = await management.GetTotalActivationCount();
        await management.ForceActivationCollection(TimeSpan.Zero);
        var activeAfter = await management.GetTotalActivationCount();
        Assert.True(activeAfter < activeBefore / 2, $"{activeBefore} activations before collection, {activeAfter} after");

        var afterReactivation = await CountsVerifier.VerifyAsync(truth, read);
        Assert.True(afterReactivation.Mismatches.Count == 0, afterReactivation.ToString());
    }

    [Fact]
    public async Task AnEmptyPeriodAnswersZeros()
    {
        var counts = await fixture.Client.GetCountsAsync(SeriesKey.AllUrlsOf("nobody", "pageview"), Period.Month(2024, 2));

        Assert.Equal(29, counts.Segments.Length);
        Assert.All(counts.Segments, count => Assert.Equal(0, count));
        Assert.Equal(0, counts.Total);
    }

    [Fact]
    public async Task AccountCatalogListsEveryTypeSent()
    {
        var publisher = new EventPublisher(fixture.Client);
        var at = new DateTime(2025, 5, 5, 5, 5, 5, DateTimeKind.Utc);
        await publisher.PublishAsync([Event("catalogued", "signup", at), Event("catalogued", "login", at)]);

        var types = await Eventually.ReadAsync(() => fixture.Client.GetGrain<IAccountCatalogGrain>("catalogued").GetTypesAsync(), t => t.Length == 2);

        Assert.Equal(["login", "signup"], types.AsEnumerable());
    }

    private static CounterEvent Event(string account, string type, DateTime at) => new() { Account = account, Type = type, Timestamp = at };
}
