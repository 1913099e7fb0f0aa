using Orleans.Counters.Grains.Operations;
using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Rebuild;

/// <summary>
/// Moves an account's counted past into its new time zone (<see cref="IZoneRebuildGrain"/>): finds the former
/// zone's hours with counts, has each pass its counts on to the new zone's hours (<see cref="HourRebucketer"/>),
/// waits until the new zone's days, months and years took them, then switches the account's reads. Each step can
/// be taken again without counting twice (layers are absolute, under versions), so after a failure it goes on
/// from the progress it stored, on a timer here or, once this activation is gone, when the registry asks.
/// </summary>
public sealed partial class ZoneRebuildGrain(
    [PersistentState("zone-rebuild", CounterStorage.Name)] IPersistentState<ZoneRebuildState> state,
    TimeProvider clock,
    GrainMetrics metrics,
    ILogger<ZoneRebuildGrain> logger)
    : Grain, IZoneRebuildGrain
{
    /// <summary>
    /// The hours moved at a time. Few: moving is CPU-bound (16 and 32 moved no faster than this on a loaded 2-core
    /// machine), and every hour in flight keeps grains busy that the account's and other accounts' counting waits behind.
    /// </summary>
    private const int Parallelism = 8;

    /// <summary>The hours moved between two writes of the progress.</summary>
    private const int ProgressEvery = 256;

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(2);

    private IGrainTimer? _timer;

    private string Account => this.GetPrimaryKeyString();

    private ZoneRebuildState Rebuild => state.State;

    private bool IsRunning => Rebuild.Phase is ZoneRebuildPhase.Finding or ZoneRebuildPhase.Moving or ZoneRebuildPhase.Settling;

    /// <inheritdoc />
    public async Task StartAsync(ZoneTarget from, ZoneTarget to)
    {
        if (IsRunning && Rebuild.To == to)
        {
            Resume();
            return;
        }

        if (IsRunning)
        {
            throw new InvalidOperationException($"{Account} is being rebuilt into {Rebuild.To}; a change to {to} waits until it is done.");
        }

        state.State = new ZoneRebuildState { From = from, To = to, Phase = ZoneRebuildPhase.Finding, StartedAt = clock.GetUtcNow().UtcDateTime };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IZoneRebuildRegistryGrain>(SeriesKey.AllAccounts).AddAsync(Account);
        LogStarted(Account, from.Zone ?? TimeZones.Utc, to.Zone ?? TimeZones.Utc);
        Resume();
    }

    /// <inheritdoc />
    public Task ResumeAsync()
    {
        Resume();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ZoneRebuildProgress?> GetProgressAsync() => Task.FromResult(Rebuild.Phase == ZoneRebuildPhase.None
        ? null
        : new ZoneRebuildProgress(
            Rebuild.From?.Zone, Rebuild.To?.Zone, Rebuild.Phase.ToString().ToLowerInvariant(), Rebuild.Done, Rebuild.Hours.Count, Rebuild.StartedAt, Rebuild.FinishedAt));

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.RebuildStopped(Account);
        return Task.CompletedTask;
    }

    private void Resume()
    {
        if (IsRunning)
        {
            _timer ??= this.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions(TimeSpan.Zero, RetryInterval) { KeepAlive = true, Interleave = true });
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StepsAsync();
            if (!IsRunning)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }
        catch (Exception exception)
        {
            LogStepFailed(exception, Account, Rebuild.Phase);
        }
    }

    private async Task StepsAsync()
    {
        var to = Rebuild.To!;
        if (Rebuild.Phase == ZoneRebuildPhase.Finding)
        {
            Rebuild.Hours = [.. (await FindHoursAsync()).Select(hour => hour.ToString())];
            Rebuild.Done = 0;
            Rebuild.Phase = ZoneRebuildPhase.Moving;
            await state.WriteStateAsync();
        }

        if (Rebuild.Phase == ZoneRebuildPhase.Moving)
        {
            await MoveAsync(to);
            // An hour whose first report reached its day only after the walk (its day was unreachable for a while)
            // is found by a second one; a message published before the change and counted later names the zone itself.
            var known = Rebuild.Hours.ToHashSet(StringComparer.Ordinal);
            Rebuild.Hours.AddRange((await FindHoursAsync()).Select(hour => hour.ToString()).Where(known.Add));
            await MoveAsync(to);
            Rebuild.Phase = ZoneRebuildPhase.Settling;
            await state.WriteStateAsync();
        }

        if (Rebuild.Phase == ZoneRebuildPhase.Settling)
        {
            await SettleAsync(to);
            // Done before the settings switch reads, so that no one sees reads switched while the progress still
            // says settling (the progress is read between the calls); stored only once the switch is made.
            Rebuild.Phase = ZoneRebuildPhase.Done;
            Rebuild.FinishedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await GrainFactory.GetGrain<IAccountSettingsGrain>(Account).FinishRebuildAsync(to);
            }
            catch
            {
                (Rebuild.Phase, Rebuild.FinishedAt) = (ZoneRebuildPhase.Settling, null);
                throw;
            }

            await state.WriteStateAsync();
            // Unless the next change started a rebuild while the settings switched (this timer goes on with it).
            if (Rebuild.Phase == ZoneRebuildPhase.Done)
            {
                metrics.RebuildStopped(Account);
                await GrainFactory.GetGrain<IZoneRebuildRegistryGrain>(SeriesKey.AllAccounts).RemoveAsync(Account);
                LogDone(Account, Rebuild.Hours.Count, (Rebuild.FinishedAt!.Value - Rebuild.StartedAt).TotalSeconds);
            }
        }
    }

    private async Task<IReadOnlyList<CounterGroup>> FindHoursAsync()
    {
        var times = await GrainFactory.GetGrain<IAccountCatalogGrain>(Account).GetEventTimesAsync();
        return times.First is { } first && times.Last is { } last
            ? await new ZoneHourFinder(GrainFactory).FindAsync(ZoneHistory.CounterAccount(Account, Rebuild.From!.Generation), Rebuild.From.Zone, first, last)
            : [];
    }

    /// <summary>Has the hours from <see cref="ZoneRebuildState.Done"/> on pass their counts on, storing the progress now and then.</summary>
    private async Task MoveAsync(ZoneTarget to)
    {
        var sinceWrite = 0;
        while (Rebuild.Done < Rebuild.Hours.Count)
        {
            var chunk = Rebuild.Hours.Skip(Rebuild.Done).Take(Parallelism).ToList();
            await Task.WhenAll(chunk.Select(hour => GrainFactory.GetHourCounters(CounterGroup.Parse(hour)).RebucketAsync(to)));
            Rebuild.Done += chunk.Count;
            metrics.RebuildProgress(Account, Rebuild.Done, Rebuild.Hours.Count);
            sinceWrite += chunk.Count;
            if (sinceWrite >= ProgressEvery)
            {
                await state.WriteStateAsync();
                sinceWrite = 0;
            }
        }
    }

    /// <summary>
    /// Waits until the new zone's hours that took layers reported them, then their days theirs, then the months, then
    /// the years: from then on every period of the new zone holds the moved counts.
    /// </summary>
    private async Task SettleAsync(ZoneTarget to)
    {
        IReadOnlyList<CounterGroup> level = [.. Rebuild.Hours
            .SelectMany(hour => ZoneLayers.Targets(CounterGroup.Parse(hour), to).Select(target => target.Hour))
            .Distinct()];
        while (level.Count > 0)
        {
            await WaitSettledAsync(level);
            level = [.. level.Select(group => group.Parent).OfType<CounterGroup>().Distinct()];
        }
    }

    private async Task WaitSettledAsync(IReadOnlyList<CounterGroup> groups)
    {
        // Each counter's version when first asked: settled once what it had then reached its parent.
        var marks = await Task.WhenAll(groups.Select(async group => (Group: group, (await GrainFactory.GetCounters(group).GetVersionsAsync()).Version)));
        var waiting = marks.ToList();
        var deadline = clock.GetUtcNow() + SettleTimeout;
        while (true)
        {
            var settled = await Task.WhenAll(waiting.Select(async mark => (await GrainFactory.GetCounters(mark.Group).GetVersionsAsync()).Settled >= mark.Version));
            waiting = [.. waiting.Where((_, i) => !settled[i])];
            if (waiting.Count == 0)
            {
                return;
            }

            if (clock.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"{waiting.Count} counters of {Account}'s new zone did not report within {SettleTimeout}, such as {waiting[0].Group}.");
            }

            await Task.Delay(SettlePoll, clock);
        }
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "{Account}: rebuilding its counts from {From} into {To}")]
    private partial void LogStarted(string account, string from, string to);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "{Account}: rebuilt {Hours} hour groups into its new zone in {Seconds:0.0} s; reads use it now")]
    private partial void LogDone(string account, int hours, double seconds);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "{Account}: a rebuild step ({Phase}) failed; it goes on from its stored progress")]
    private partial void LogStepFailed(Exception exception, string account, ZoneRebuildPhase phase);
}
