using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Grains.Admission;
using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Fencing;
using Orleans.Runtime;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// A second activation of a counter grain (Orleans' directory can leave one after membership
/// changes) must not answer from state that storage has moved past, nor lose what it took
/// (docs/exactly-once.md item 10). Another activation's write is played by writing the record directly.
/// </summary>
public sealed class FencingTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly SeriesId Home = new("pageview", "/");

    [Fact]
    public async Task AfterAMembershipChange_AReadOfAStaleActivationAnswersWhatAnotherActivationWrote()
    {
        using var stale = new StaleActivationCount();
        var group = new CounterGroup("fenced-read", Period.Hour(2025, 4, 2, 10), 0);
        var hour = fixture.Client.GetHourCounters(group);
        await hour.ApplyAsync(Increment("fenced-read", 1, minute: 5, count: 3));
        await Eventually.ReadAsync(async () => (await hour.GetPersistedPositionAsync("fenced-read")).Position, p => p is not null);

        // Another activation applied two more messages and wrote them.
        await StoredStates.OverwriteAsync<HourCountersState>(fixture.Cluster, hour.GetGrainId(), "hour", stored =>
        {
            stored.Series[Home][5] = 7;
            stored.Applied["fenced-read"] = new StreamPosition(3, 0);
        });
        RecordDisturbanceOnEverySilo();

        Assert.Equal(7, (await hour.GetCountsAsync(Home)).Total);
        Assert.True(stale.Of("hour", "read") >= 1);
    }

    [Fact]
    public async Task AnActivationWhoseWriteIsRefused_WritesNoMore_AndItsParentEndsWithEveryChildsTotal()
    {
        using var stale = new StaleActivationCount();
        var hour7 = new CounterGroup("fenced-write", Period.Hour(2025, 4, 3, 7), 0);
        var hour8 = new CounterGroup("fenced-write", Period.Hour(2025, 4, 3, 8), 0);
        var day = fixture.Client.GetRollupCounters(hour7.Parent!.Value);
        await fixture.Client.GetHourCounters(hour7).ApplyAsync(Increment("fenced-write", 1, minute: 0, count: 4));
        await fixture.Client.GetHourCounters(hour8).ApplyAsync(Increment("fenced-write", 1, minute: 0, count: 1));
        await Eventually.ReadAsync(() => day.GetCountsAsync(Home), c => c.Total == 5);

        // Another activation of the day took a report of hour 7 from a silo whose clock is ahead, and wrote.
        var ahead = DateTime.UtcNow.AddMinutes(10).Ticks;
        await StoredStates.OverwriteAsync<RollupCountersState>(fixture.Cluster, day.GetGrainId(), "rollup", stored =>
        {
            stored.Series[Home][7] = 40;
            stored.ChildVersions[7] = ahead;
        });

        // This activation takes hour 8's next report, and its write of it is refused.
        await fixture.Client.GetHourCounters(hour8).ApplyAsync(Increment("fenced-write", 2, minute: 1, count: 2));

        // It goes away without writing; the hours report everything again, hour 7 under a version above
        // the one the record holds, so the record ends with both hours' real totals.
        var stored = await Eventually.ReadAsync(
            async () => (await StoredStates.ReadAsync<RollupCountersState>(fixture.Cluster, day.GetGrainId(), "rollup")).State!,
            s => s.Series[Home][7] == 4 && s.Series[Home][8] == 3,
            TimeSpan.FromSeconds(20));
        Assert.Equal(7, stored.Series[Home].Sum());
        Assert.Equal(7, (await day.GetCountsAsync(Home)).Total);
        Assert.True(stale.Of("day", "write") >= 1);
    }

    [Fact]
    public async Task AChildWhoseReportTheParentDidNotTake_SendsItAgainUnderAHigherVersion()
    {
        var hour = new CounterGroup("not-taken", Period.Hour(2025, 4, 4, 9), 0);
        var day = fixture.Client.GetRollupCounters(hour.Parent!.Value);
        // The parent holds a report of hour 9 under a version from a clock an hour ahead.
        var ahead = DateTime.UtcNow.AddHours(1).Ticks;
        Assert.True((await day.ReportAsync(new ChildReport(9, ahead, [new SeriesTotal(Home, 50)]))).Taken);

        await fixture.Client.GetHourCounters(hour).ApplyAsync(Increment("not-taken", 1, minute: 30, count: 2));

        var counts = await Eventually.ReadAsync(() => day.GetCountsAsync(Home), c => c.Total == 2);
        Assert.Equal(2, counts.Segments[9]);
    }

    [Fact]
    public async Task ARollupStoredClean_WritesItselfUncleanWithItsFirstReportAfterReactivating()
    {
        var day = fixture.Client.GetRollupCounters(new CounterGroup("crash-window", Period.Day(2025, 4, 5), 0));
        // Left by a normal deactivation: clean.
        await StoredStates.OverwriteAsync<RollupCountersState>(fixture.Cluster, day.GetGrainId(), "rollup", stored =>
        {
            stored.Series[Home] = new long[24];
            stored.Series[Home][3] = 1;
            stored.ChildVersions = new long[24];
            stored.ChildVersions[3] = 100;
            stored.Version = stored.ReportedVersion = 100;
            stored.Clean = true;
        }, mustExist: false);

        Assert.True((await day.ReportAsync(new ChildReport(4, 100, [new SeriesTotal(Home, 2)]))).Taken);

        // Written before the report was acknowledged, marked unclean: a crash now leaves a record that
        // tells the next activation to ask its children again.
        var stored = (await StoredStates.ReadAsync<RollupCountersState>(fixture.Cluster, day.GetGrainId(), "rollup")).State!;
        Assert.False(stored.Clean);
        Assert.Equal(2, stored.Series[Home][4]);
        Assert.Equal(3, (await day.GetCountsAsync(Home)).Total);
    }

    [Fact]
    public async Task AloneUnderWritesAndChecks_AnActivationIsNeverFenced_AndLosesNothing()
    {
        using var stale = new StaleActivationCount();
        var group = new CounterGroup("never-fenced", Period.Hour(2025, 4, 6, 12), 0);
        var hour = fixture.Client.GetHourCounters(group);
        var day = fixture.Client.GetRollupCounters(group.Parent!.Value);
        using var stop = new CancellationTokenSource();
        var reads = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                RecordDisturbanceOnEverySilo();
                await hour.GetCountsAsync(Home);
                await day.GetCountsAsync(Home);
            }
        });

        for (var sequence = 1; sequence <= 300; sequence++)
        {
            await hour.ApplyAsync(Increment("never-fenced", sequence, minute: sequence % 60, count: 1));
        }

        await Eventually.ReadAsync(async () => (await hour.GetPersistedPositionAsync("never-fenced")).Position, p => p == new StreamPosition(300, 0));
        await stop.CancelAsync();
        await reads;

        Assert.Equal(300, (await hour.GetCountsAsync(Home)).Total);
        Assert.Equal(300, (await Eventually.ReadAsync(() => day.GetCountsAsync(Home), c => c.Total == 300)).Total);
        Assert.Equal(0, stale.Of("hour", "read") + stale.Of("hour", "write") + stale.Of("day", "read") + stale.Of("day", "write"));
    }

    [Fact]
    public async Task AnAccountsTypes_AreTheUnionOfWhatEveryActivationWrote()
    {
        var catalog = fixture.Client.GetGrain<IAccountCatalogGrain>("fenced-catalog");
        await catalog.AddTypesAsync(["pageview"]);

        // Another activation added "order" and wrote.
        await StoredStates.OverwriteAsync<Catalog.AccountCatalogState>(fixture.Cluster, catalog.GetGrainId(), "catalog", stored => stored.Types.Add("order"));
        RecordDisturbanceOnEverySilo();
        Assert.Equal(["order", "pageview"], (await catalog.GetTypesAsync()).ToArray());

        // And again, then this one adds "click": its write is refused, it reads, adds and writes again.
        await StoredStates.OverwriteAsync<Catalog.AccountCatalogState>(fixture.Cluster, catalog.GetGrainId(), "catalog", stored => stored.Types.Add("refund"));
        await catalog.AddTypesAsync(["click"]);
        var stored = await StoredStates.ReadAsync<Catalog.AccountCatalogState>(fixture.Cluster, catalog.GetGrainId(), "catalog");
        Assert.Equal(["click", "order", "pageview", "refund"], stored.State!.Types.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task AYearsAdmittedSeries_AreTheUnionOfWhatEveryActivationWrote()
    {
        var admission = fixture.Client.GetGrain<ISeriesAdmissionGrain>("fenced-admission|2025");
        SeriesId[] urls = [new("pageview", "/a"), new("pageview", "/b"), new("pageview", "/c")];
        Assert.Equal([true], (await admission.AdmitAsync([urls[0]])).AsEnumerable());

        // Another activation admitted /b and wrote; this one admits /c: its write is refused, it reads, adds and writes again.
        await StoredStates.OverwriteAsync<SeriesAdmissionState>(fixture.Cluster, admission.GetGrainId(), "admission", stored => stored.Urls.Add(SeriesFingerprint.Of(urls[1])));
        Assert.Equal([true, true], (await admission.AdmitAsync([urls[2], urls[1]])).AsEnumerable());

        var stored = await StoredStates.ReadAsync<SeriesAdmissionState>(fixture.Cluster, admission.GetGrainId(), "admission");
        Assert.True(stored.State!.Urls.SetEquals(urls.Select(SeriesFingerprint.Of)));
    }

    private static GroupIncrement Increment(string account, long sequence, int minute, long count) =>
        new(account, new StreamPosition(sequence, 0), [new SeriesMinutes(Home, [new MinuteCount(minute, count)])]);

    private void RecordDisturbanceOnEverySilo()
    {
        foreach (var silo in fixture.Cluster.Silos)
        {
            silo.ServiceProvider.GetRequiredService<ClusterDisturbances>().Record();
        }
    }

    /// <summary>Counts the stale activations the grains report on their metric, by kind and by what found them.</summary>
    private sealed class StaleActivationCount : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<(string Kind, string DetectedBy), long> _counts = [];

        public StaleActivationCount()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == Operations.GrainMetrics.MeterName && instrument.Name == "counters.grain.stale_activations")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? kind = null, detectedBy = null;
                foreach (var tag in tags)
                {
                    kind = tag.Key == "kind" ? tag.Value as string : kind;
                    detectedBy = tag.Key == "detected_by" ? tag.Value as string : detectedBy;
                }

                lock (_counts)
                {
                    _counts[(kind!, detectedBy!)] = _counts.GetValueOrDefault((kind!, detectedBy!)) + value;
                }
            });
            _listener.Start();
        }

        public long Of(string kind, string detectedBy)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault((kind, detectedBy));
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
