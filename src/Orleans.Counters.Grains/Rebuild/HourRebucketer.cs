using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Rebuild;

/// <summary>
/// Passes an hour's counts on to the hours of the zone its account moved to, as absolute layers
/// (<see cref="ZoneLayer"/>) under the hour's version: once when the rebuild reaches the hour, and again after
/// every later change (a late message published before the change). A target keeps the newest layer of each
/// source hour, so passing the same counts twice, or newer ones, never counts a minute twice.
/// <para>
/// Until the targets took a version, the snapshots written at or above it are not reported as persisted
/// (<see cref="Persisted"/>): the ingest grain acknowledges a message only once its counts reached the new
/// zone, so a silo that dies between writing and passing on replays the message, and the hour passes it on.
/// </para>
/// </summary>
/// <param name="grain">The hour grain, whose timer retries.</param>
/// <param name="grains">Reaches the target hours.</param>
/// <param name="group">The hour's account shard and period.</param>
/// <param name="state">The hour's live state.</param>
/// <param name="isFenced">True once another activation of the hour wrote its record: this one passes nothing on.</param>
/// <param name="scheduleWrite">Has the state written soon, without a new version.</param>
/// <param name="passedPersisted">Takes the positions of a written snapshot once its counts were passed on.</param>
/// <param name="clock">The clock versions are made from.</param>
/// <param name="logger">Logs failed passes.</param>
public sealed partial class HourRebucketer(
    IGrainBase grain, IGrainFactory grains, CounterGroup group, Func<HourCountersState> state,
    Func<bool> isFenced,
    Action scheduleWrite,
    Action<Dictionary<string, StreamPosition>> passedPersisted,
    TimeProvider clock,
    ILogger logger)
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);
    private const int MaxRounds = 5;

    // The timer and the rebuild's call both pass counts on; one at a time.
    private readonly SemaphoreSlim _passing = new(1, 1);
    private IGrainTimer? _timer;
    private HourCountersState? _unpassed;

    /// <summary>True when the hour passes its counts on and has changes the targets have not taken.</summary>
    public bool IsBehind => !isFenced() && state().RebucketTo is not null && state().RebucketedVersion < state().Version;

    /// <summary>
    /// The positions a written snapshot may report as persisted: its own when the targets took its version (or
    /// the hour passes nothing on), else those of the last snapshot they did.
    /// </summary>
    public Dictionary<string, StreamPosition>? Persisted(HourCountersState snapshot)
    {
        if (snapshot.RebucketTo is null || snapshot.Version <= state().RebucketedVersion)
        {
            _unpassed = null;
            return snapshot.Applied;
        }

        _unpassed = snapshot;
        return null;
    }

    /// <summary>Called when the state changed, or an increment named a zone to pass on to: passes on soon if behind.</summary>
    public void Changed(ZoneTarget? to = null)
    {
        if (to is not null && state().RebucketTo is null)
        {
            state().RebucketTo = to;
            scheduleWrite();
        }

        if (IsBehind)
        {
            _timer ??= grain.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(RetryInterval, RetryInterval) { KeepAlive = true, Interleave = true });
        }
    }

    /// <summary>Passes the counts on to <paramref name="to"/> from now on (a zone already set stays), and returns once the targets took them.</summary>
    public async Task StartAsync(ZoneTarget to)
    {
        if (state().RebucketTo is null)
        {
            state().RebucketTo = to;
            scheduleWrite();
        }

        await PassAsync();
    }

    /// <summary>Passes the present counts on, if behind.</summary>
    public async Task PassAsync()
    {
        await _passing.WaitAsync();
        try
        {
            for (var round = 1; IsBehind; round++)
            {
                var current = state();
                var version = current.Version;
                var layers = ZoneLayers.Of(group, current, current.RebucketTo!).Where(l => !l.Layer.Series.IsEmpty).ToList();
                var receipts = await Task.WhenAll(layers.Select(l => grains.GetHourCounters(l.Hour).TakeLayerAsync(l.Layer)));
                if (receipts.All(r => r.Taken))
                {
                    current.RebucketedVersion = Math.Max(current.RebucketedVersion, version);
                    scheduleWrite();
                    continue;
                }

                // A target holds a newer layer of this hour (an activation of it that died went further, or the
                // target's activation is going away): pass the same counts again above that version.
                var held = receipts.Where(r => !r.Taken).Max(r => r.HeldVersion);
                LogLayerNotTaken(logger, group, version, held);
                if (round == MaxRounds)
                {
                    throw new InvalidOperationException($"{group}: the new zone's hours refused its counts {round} times; tried again later.");
                }

                current.Version = Math.Max(VersionClock.Next(current.Version, clock), held + 1);
                scheduleWrite();
            }

            if (_unpassed is { } snapshot && snapshot.Version <= state().RebucketedVersion)
            {
                _unpassed = null;
                passedPersisted(snapshot.Applied);
            }
        }
        finally
        {
            _passing.Release();
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PassAsync();
        }
        catch (Exception exception)
        {
            LogPassFailed(logger, exception, group);
        }

        if (!IsBehind)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "{Hour}: a new zone's hour holds its counts at version {Held}, above {Version}; passing them again above it")]
    private static partial void LogLayerNotTaken(ILogger logger, CounterGroup hour, long version, long held);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "{Hour}: could not pass its counts on to the new zone's hours; trying again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, CounterGroup hour);
}
