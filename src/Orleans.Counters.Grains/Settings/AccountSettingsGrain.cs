using Orleans.Counters.Grains.Ingest;

namespace Orleans.Counters.Grains.Settings;

/// <summary>
/// Keeps an account's time zone and allowed origins, and tells the account's ingest grain when it changes. The zone can
/// change only while the account has counted nothing: its events are already in its zone's hours.
/// </summary>
public sealed class AccountSettingsGrain(
    [PersistentState("settings", CounterStorage.Name)] IPersistentState<AccountSettingsState> state)
    : Grain, IAccountSettingsGrain
{
    /// <inheritdoc />
    public Task<string?> GetTimeZoneAsync() => Task.FromResult(state.State.TimeZone);

    /// <inheritdoc />
    public async Task<TimeZoneChange> SetTimeZoneAsync(string? zone)
    {
        if (zone == state.State.TimeZone)
        {
            return TimeZoneChange.Unchanged;
        }

        var account = this.GetPrimaryKeyString();
        var types = await GrainFactory.GetGrain<IAccountCatalogGrain>(account).GetTypesAsync();
        if (!types.IsEmpty)
        {
            return TimeZoneChange.RefusedAccountHasCounts;
        }

        state.State.TimeZone = zone;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IIngestGrain>(account).UseTimeZoneAsync(zone);
        return TimeZoneChange.Set;
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
}
