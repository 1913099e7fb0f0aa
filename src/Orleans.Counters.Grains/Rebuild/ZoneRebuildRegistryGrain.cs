using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Rebuild;

/// <summary>The accounts with a time zone rebuild under way (<see cref="IZoneRebuildRegistryGrain"/>).</summary>
public sealed class ZoneRebuildRegistryGrain(
    [PersistentState("zone-rebuilds", CounterStorage.Name)] IPersistentState<ZoneRebuildRegistryState> state)
    : Grain, IZoneRebuildRegistryGrain
{
    /// <inheritdoc />
    public async Task AddAsync(string account)
    {
        if (state.State.Accounts.Add(account))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string account)
    {
        if (state.State.Accounts.Remove(account))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task ResumeAllAsync() =>
        Task.WhenAll(state.State.Accounts.Select(account => GrainFactory.GetGrain<IZoneRebuildGrain>(account).ResumeAsync()));

    /// <inheritdoc />
    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.Accounts.Order(StringComparer.Ordinal).ToImmutableArray());
}

/// <summary>The accounts with a rebuild under way, as stored.</summary>
[GenerateSerializer, Alias("counters.zone-rebuild-registry-state")]
public sealed class ZoneRebuildRegistryState
{
    /// <summary>The accounts.</summary>
    [Id(0)] public HashSet<string> Accounts { get; set; } = new(StringComparer.Ordinal);
}
