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
        var hour = fixture.Client.GetHourCounter(SeriesKey.AllUrlsOf("durable", "pageview"), Period.Hour(2025, 8, 1, 8));
        var position = new StreamPosition(42, 0);

        await hour.ApplyAsync(new HourIncrement("durable", position, [new MinuteCount(1, 1)]));
        Assert.Null(await hour.GetPersistedPositionAsync("durable"));

        var persisted = await Eventually.ReadAsync(() => hour.GetPersistedPositionAsync("durable"), p => p == position);
        Assert.Equal(position, persisted);
        Assert.Null(await hour.GetPersistedPositionAsync("another-account"));
    }

    [Fact]
    public async Task ARollupActivatedFromAnUncleanSnapshotRecoversItsChildrensTotals()
    {
        var series = SeriesKey.AllUrlsOf("crashed", "order");
        var hour = Period.Hour(2025, 9, 9, 21);
        var day = Period.Day(2025, 9, 9);
        await fixture.Client.GetHourCounter(series, hour).ApplyAsync(new HourIncrement("crashed", new StreamPosition(7, 0), [new MinuteCount(30, 5)]));
        await Eventually.ReadAsync(() => fixture.Client.GetCounter(series, day).GetCountsAsync(), c => c.Total == 5);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // As if the day's silo had died after the hour's report but before the day wrote it.
        await OverwriteStoredStateAsync<RollupCounterState>(CounterKey.Format(series, day), "rollup", stored =>
        {
            stored.Segments[21] = 0;
            stored.SegmentVersions[21] = 0;
            stored.Total = 0;
            stored.Clean = false;
        });

        var counts = await fixture.Client.GetCounter(series, day).GetCountsAsync();

        Assert.Equal(5, counts.Segments[21]);
        Assert.Equal(5, counts.Total);
    }

    private async Task OverwriteStoredStateAsync<TState>(string key, string stateName, Action<TState> change)
        where TState : new()
    {
        var grainId = fixture.Client.GetGrain<IRollupCounterGrain>(key).GetGrainId();
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(CounterStorage.Name);
        var stored = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grainId, stored);
        Assert.True(stored.RecordExists);
        change(stored.State!);
        await storage.WriteStateAsync(stateName, grainId, stored);
    }
}
