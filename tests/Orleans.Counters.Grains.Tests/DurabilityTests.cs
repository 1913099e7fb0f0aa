using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Grains.Counters;
using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Counters.Grains.Tests;

/// <summary>The pieces the durable mode's exactly-once protocol stands on (docs/exactly-once.md).</summary>
public sealed class DurabilityTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task AnHourReportsAPositionAsPersistedOnlyOnceItsSnapshotIsWritten()
    {
        var hour = fixture.Client.GetHourCounters(new CounterGroup("durable", Period.Hour(2025, 8, 1, 8), 0));
        var position = new StreamPosition(42, 0);

        await hour.ApplyAsync(new GroupIncrement("durable", position, [new SeriesMinutes(new SeriesId("pageview", "/"), [new MinuteCount(1, 1)])]));
        Assert.Null(await hour.GetPersistedPositionAsync("durable"));

        var persisted = await Eventually.ReadAsync(() => hour.GetPersistedPositionAsync("durable"), p => p == position);
        Assert.Equal(position, persisted);
        Assert.Null(await hour.GetPersistedPositionAsync("another-account"));
    }

    [Fact]
    public async Task ARollupActivatedFromAnUncleanSnapshotRecoversItsChildrensTotals()
    {
        var order = SeriesKey.AllUrlsOf("crashed", "order");
        var refund = SeriesKey.AllUrlsOf("crashed", "refund");
        var hour = CounterGroup.Of(order, Period.Hour(2025, 9, 9, 21));
        var day = CounterGroup.Of(order, Period.Day(2025, 9, 9));
        await fixture.Client.GetHourCounters(hour).ApplyAsync(new GroupIncrement("crashed", new StreamPosition(7, 0),
        [
            new SeriesMinutes(order.Id, [new MinuteCount(30, 5)]),
            new SeriesMinutes(refund.Id, [new MinuteCount(31, 2)]),
        ]));
        await Eventually.ReadAsync(() => fixture.Client.GetCountsAsync(refund, day.Period), c => c.Total == 2);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // As if the day's silo had died after the hour's report but before the day wrote it.
        await OverwriteStoredStateAsync<RollupCountersState>(day.ToString(), "rollup", stored =>
        {
            stored.Series.Clear();
            stored.ChildVersions[21] = 0;
            stored.Clean = false;
        });

        var orders = await fixture.Client.GetCountsAsync(order, day.Period);
        var refunds = await fixture.Client.GetCountsAsync(refund, day.Period);

        Assert.Equal(5, orders.Segments[21]);
        Assert.Equal(5, orders.Total);
        Assert.Equal(2, refunds.Total);
    }

    private async Task OverwriteStoredStateAsync<TState>(string key, string stateName, Action<TState> change)
        where TState : new()
    {
        var grainId = fixture.Client.GetGrain<IRollupCountersGrain>(key).GetGrainId();
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(CounterStorage.Name);
        var stored = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grainId, stored);
        Assert.True(stored.RecordExists);
        change(stored.State!);
        await storage.WriteStateAsync(stateName, grainId, stored);
    }
}
