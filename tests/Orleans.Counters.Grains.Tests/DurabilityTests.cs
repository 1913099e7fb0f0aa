using Orleans.Counters.Grains.Counters;
using Orleans.Runtime;

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
        Assert.Null((await hour.GetPersistedPositionAsync("durable")).Position);

        var persisted = await Eventually.ReadAsync(async () => (await hour.GetPersistedPositionAsync("durable")).Position, p => p == position);
        Assert.Equal(position, persisted);
        Assert.Null((await hour.GetPersistedPositionAsync("another-account")).Position);
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
        // The hour's snapshot is written (what the 2 s wait here stood for): its report can be recovered from storage.
        await Eventually.ReadAsync(async () => (await fixture.Client.GetHourCounters(hour).GetPersistedPositionAsync("crashed")).Position, p => p == new StreamPosition(7, 0));
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // As if the day's silo had died after the hour's report but before the day wrote it.
        await OverwriteStoredStateAsync<RollupCountersState>(fixture.Client.GetRollupCounters(day).GetGrainId(), "rollup", stored =>
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

    [Fact]
    public async Task AGroupActivatedWithAnUnfinishedReportReportsEverySeriesUnderANewVersion()
    {
        // The activation that died had its parent take a later report (version 200) of another series
        // than the one it last wrote unreported (version 150).
        var pageview = new SeriesId("pageview", "/");
        var order = new SeriesId("order", "/");
        var click = new SeriesId("click", "/");
        var hour = new CounterGroup("unfinished", Period.Hour(2025, 10, 10, 7), 0);
        var day = fixture.Client.GetRollupCounters(hour.Parent!.Value);
        Assert.True((await day.ReportAsync(new ChildReport(7, 100, [new SeriesTotal(pageview, 1)]))).Taken);
        Assert.True((await day.ReportAsync(new ChildReport(7, 200, [new SeriesTotal(click, 1)]))).Taken);
        await OverwriteStoredStateAsync<HourCountersState>(fixture.Client.GetHourCounters(hour).GetGrainId(), "hour", stored =>
        {
            stored.Series[pageview] = Minutes(0, 1);
            stored.Series[order] = Minutes(1, 5);
            stored.Series[click] = Minutes(2, 1);
            stored.Version = 150;
            stored.ReportedVersion = 100;
        }, mustExist: false);

        Assert.Equal(5, (await fixture.Client.GetHourCounters(hour).GetCountsAsync(order)).Total);

        var orders = await Eventually.ReadAsync(() => day.GetCountsAsync(order), c => c.Total == 5);
        Assert.Equal(5, orders.Segments[7]);
        Assert.Equal(1, (await day.GetCountsAsync(pageview)).Total);
        Assert.Equal(1, (await day.GetCountsAsync(click)).Total);
    }

    private static long[] Minutes(int minute, long count)
    {
        var minutes = new long[60];
        minutes[minute] = count;
        return minutes;
    }

    private Task OverwriteStoredStateAsync<TState>(GrainId grainId, string stateName, Action<TState> change, bool mustExist = true)
        where TState : new() =>
        StoredStates.OverwriteAsync(fixture.Cluster, grainId, stateName, change, mustExist);
}
