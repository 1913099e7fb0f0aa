using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Fencing;

namespace Orleans.Counters.Grains.Tests;

/// <summary>A counter's record written behind: snapshots in order, coalesced changes, fencing on a refused write or a moved record.</summary>
public sealed class CounterStoreTests
{
    private static readonly SeriesId Home = new("pageview", "/");
    private const int Minutes = 60;

    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly MemoryRecord<HourCountersState> _record = new(Copiers.For<HourCountersState>());
    private readonly List<string> _fencedBy = [];
    private readonly List<HourCountersState> _persisted = [];
    private readonly ClusterDisturbances _disturbances;

    public CounterStoreTests() => _disturbances = new ClusterDisturbances(_clock);

    [Fact]
    public async Task ChangesMadeWhileAWriteIsOnItsWayGoInTheNextWriteWhichLeavesAfterIt()
    {
        var store = Activate();
        Count(store, 1);
        _record.Hold();
        var first = store.WriteAsync(CancellationToken.None);
        await _record.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(store.IsDirty);

        Count(store, 2);
        var second = store.WriteAsync(CancellationToken.None);
        Assert.Equal(1, _record.WritesInFlight);
        Assert.True(store.IsDirty);

        _record.Release();
        await Task.WhenAll(first, second);
        Assert.Equal([1L, 2L], _record.Written.Select(written => written.Series[Home][3]));
        Assert.Equal([1L, 2L], _persisted.Select(snapshot => snapshot.Series[Home][3]));
        Assert.False(store.IsDirty);
        Assert.All(_record.Written, written => Assert.False(written.Clean));
        Assert.True(store.IsStoredUnclean);
    }

    [Fact]
    public async Task ChangesCoalesceIntoOneWriteDueAnIntervalAfterTheFirstOfThem()
    {
        var store = Activate();
        var interval = TimeSpan.FromSeconds(5);
        Count(store, 1);
        _clock.Advance(TimeSpan.FromSeconds(3));
        Count(store, 2);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(store.IsWriteDue(interval));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(store.IsWriteDue(interval));
        await store.WriteAsync(CancellationToken.None);

        Assert.Equal(2, Assert.Single(_record.Written).Series[Home][3]);
        Assert.False(store.IsWriteDue(interval));
    }

    [Fact]
    public async Task ARefusedWriteFencesTheActivationWhichTakesTheStoredRecordAndWritesNoMore()
    {
        var store = Activate();
        Count(store, 1);
        await store.WriteAsync(CancellationToken.None);
        _record.WriteFromElsewhere(StateCounting(7));

        Count(store, 2);
        await store.WriteAsync(CancellationToken.None);

        Assert.True(store.IsFenced);
        Assert.Equal(["write"], _fencedBy);
        Assert.Equal(7, store.Live.Series[Home][3]);
        Assert.False(store.IsDirty);

        Count(store, 3);
        await store.WriteAsync(CancellationToken.None, clean: true);
        await store.EnsureStoredUncleanAsync();
        Assert.Single(_record.Written);
        Assert.Single(_persisted);
        Assert.Equal(["write"], _fencedBy);
    }

    [Fact]
    public async Task AFailedWriteKeepsItsChangesDueAndCountsADisturbance()
    {
        var store = Activate();
        var interval = TimeSpan.FromSeconds(1);
        Count(store, 1);
        _clock.Advance(interval);
        _record.Failure = new IOException("storage is down");

        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(CancellationToken.None));

        Assert.True(store.IsWriteDue(interval));
        Assert.Equal(1, _disturbances.Epoch);
        Assert.False(store.IsFenced);
        _record.Failure = null;
        await store.WriteAsync(CancellationToken.None);
        Assert.Equal(1, Assert.Single(_record.Written).Series[Home][3]);
    }

    [Fact]
    public async Task ADueCheckFindsAnotherActivationsWriteAndFencesWithTheStoredRecord()
    {
        var store = Activate();
        Count(store, 1);
        await store.WriteAsync(CancellationToken.None);
        _record.WriteFromElsewhere(StateCounting(7));

        await store.CheckAsync();
        Assert.False(store.IsFenced);
        Assert.Equal(1, store.Live.Series[Home][3]);

        _clock.Advance(new CounterOptions().StateCheckInterval);
        await store.CheckAsync();

        Assert.True(store.IsFenced);
        Assert.Equal(["read"], _fencedBy);
        Assert.Equal(7, store.Live.Series[Home][3]);
    }

    [Fact]
    public async Task ACheckAfterADisturbanceWaitsForTheWriteOnItsWayAndFindsItsOwnRecord()
    {
        var store = Activate();
        Count(store, 1);
        _record.Hold();
        var write = store.WriteAsync(CancellationToken.None);
        await _record.WriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _disturbances.Record();

        var check = store.CheckAsync();
        Assert.False(check.IsCompleted);

        _record.Release();
        await Task.WhenAll(write, check);
        Assert.False(store.IsFenced);
        Assert.Empty(_fencedBy);
    }

    [Fact]
    public async Task TheFirstChangeAfterACleanRecordIsWrittenUncleanOnce()
    {
        var store = Activate();
        Assert.False(store.IsStoredUnclean);
        await store.EnsureStoredUncleanAsync();
        await store.EnsureStoredUncleanAsync();
        Assert.False(Assert.Single(_record.Written).Clean);

        await store.WriteAsync(CancellationToken.None, clean: true);
        Assert.True(_record.Written[^1].Clean);
        Assert.False(store.IsStoredUnclean);
        Assert.False(Activate().IsStoredUnclean);

        await store.EnsureStoredUncleanAsync();
        Assert.Equal(3, _record.Written.Count);
        Assert.True(Activate().IsStoredUnclean);
    }

    private CounterStore<HourCountersState> Activate() => new(
        _record.Activate(),
        Copiers.For<HourCountersState>(),
        new StateCheckSchedule(_disturbances, _clock, new CounterOptions()),
        _disturbances,
        _clock,
        _persisted.Add,
        _fencedBy.Add,
        NullLogger.Instance,
        "store|2025-07-01T08|0");

    private static void Count(CounterStore<HourCountersState> store, long count)
    {
        store.Live.CountsOf(Home, Minutes)[3] = count;
        store.MarkDirty();
    }

    private static HourCountersState StateCounting(long count)
    {
        var state = new HourCountersState();
        state.CountsOf(Home, Minutes)[3] = count;
        return state;
    }
}
