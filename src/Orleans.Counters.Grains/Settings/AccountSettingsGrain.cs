using Orleans.Counters.Grains.Ingest;
using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Settings;

/// <summary>
/// Keeps an account's time zone and allowed origins, and tells the account's ingest grain when the zone changes.
/// Before the account's first event a new zone is simply set. After it, the change takes effect for messages
/// published from a moment just ahead (<see cref="SwitchLead"/>), which the ingest grain must accept, and a rebuild
/// (<see cref="IZoneRebuildGrain"/>) moves the counted past into the new zone; reads keep the former zone until it is done.
/// </summary>
public sealed class AccountSettingsGrain(
    [PersistentState("settings", CounterStorage.Name)] IPersistentState<AccountSettingsState> state,
    TimeProvider clock)
    : Grain, IAccountSettingsGrain
{
    /// <summary>
    /// How far ahead of now a change of zone takes effect: the ingest grain hears of it before, so it plans every
    /// message published after it in the new zone. Should it have applied one already, the change moves on.
    /// </summary>
    public static readonly TimeSpan SwitchLead = TimeSpan.FromSeconds(1);

    private const int MaxSwitchAttempts = 5;

    private string Account => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public Task<string?> GetTimeZoneAsync() => Task.FromResult(state.State.TimeZone);

    /// <inheritdoc />
    public Task<AccountZone> GetZoneAsync() => Task.FromResult(state.State.Zone);

    /// <inheritdoc />
    public async Task<TimeZoneChange> SetTimeZoneAsync(string? zone)
    {
        var current = state.State.Zone;
        if (current.RebuildingTo is { } running)
        {
            if (running.Zone != zone)
            {
                return TimeZoneChange.RefusedRebuildRunning;
            }

            // The same change again: its rebuild may not have started, if the request that made it failed after the switch.
            await GrainFactory.GetGrain<IZoneRebuildGrain>(Account).StartAsync(new ZoneTarget(current.ReadZone, running.Generation - 1), running);
            return TimeZoneChange.RebuildStarted;
        }

        if (zone == current.History.Current)
        {
            return TimeZoneChange.Unchanged;
        }

        var types = await GrainFactory.GetGrain<IAccountCatalogGrain>(Account).GetTypesAsync();
        if (types.IsEmpty)
        {
            state.State.TimeZone = zone;
            state.State.History = null;
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IIngestGrain>(Account).UseZoneHistoryAsync(ZoneHistory.Of(zone));
            return TimeZoneChange.Set;
        }

        var to = await SwitchAsync(current, zone);
        await GrainFactory.GetGrain<IZoneRebuildGrain>(Account).StartAsync(new ZoneTarget(current.History.Current, to.Generation - 1), to);
        return TimeZoneChange.RebuildStarted;
    }

    /// <inheritdoc />
    public async Task FinishRebuildAsync(ZoneTarget to)
    {
        if (state.State.RebuildingTo != to)
        {
            return;
        }

        // From now on reads use the new generation, whose hours split the former ones' users if the zones' hours do not line up.
        var switches = state.State.Zone.History.Switches;
        if (!ZoneAlignment.HoursAlign(switches[to.Generation - 1].Zone, to.Zone))
        {
            state.State.UniquesApproximateBefore = switches[to.Generation].At;
        }

        state.State.TimeZone = to.Zone;
        state.State.RebuildingTo = null;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<ImmutableArray<string>> GetAllowedOriginsAsync() =>
        Task.FromResult(state.State.AllowedOrigins is { } origins ? ImmutableArray.Create(origins) : []);

    /// <inheritdoc />
    public async Task SetAllowedOriginsAsync(ImmutableArray<string> origins)
    {
        if (state.State.AllowedOrigins is { } known && known.SequenceEqual(origins))
        {
            return;
        }

        state.State.AllowedOrigins = [.. origins];
        await state.WriteStateAsync();
    }

    /// <summary>
    /// Tells the ingest grain of the account's zones, again when the call fails: telling the same history twice is
    /// harmless, and an ingest activation that never heard would count messages published after the change in the
    /// former zone (docs/exactly-once.md, item 13).
    /// </summary>
    private async Task<bool> TellIngestAsync(ZoneHistory history)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GrainFactory.GetGrain<IIngestGrain>(Account).UseZoneHistoryAsync(history);
            }
            catch (Exception) when (attempt < MaxSwitchAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock);
            }
        }
    }

    /// <summary>
    /// Records that messages published from just ahead count in <paramref name="zone"/>, then has the ingest grain
    /// take that; stored first, so that an ingest activation started meanwhile reads it.
    /// </summary>
    private async Task<ZoneTarget> SwitchAsync(AccountZone current, string? zone)
    {
        var history = state.State.History;
        for (var attempt = 1; ; attempt++)
        {
            var at = clock.GetUtcNow().UtcDateTime + SwitchLead * attempt;
            state.State.History = current.History.Then(at, zone);
            state.State.RebuildingTo = new ZoneTarget(zone, state.State.History.Switches.Length - 1);
            await state.WriteStateAsync();
            if (await TellIngestAsync(state.State.History))
            {
                return state.State.RebuildingTo;
            }

            if (attempt == MaxSwitchAttempts)
            {
                (state.State.History, state.State.RebuildingTo) = (history, null);
                await state.WriteStateAsync();
                throw new InvalidOperationException($"The ingest grain of {Account} applied messages published after each of {attempt} switch times; try again.");
            }
        }
    }
}
