using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Fencing;
using Orleans.Storage;

namespace Orleans.Counters.Grains.Catalog;

/// <summary>
/// Remembers which event types an account has sent; written when a new type appears, which is rare.
/// Types only ever add up, so a second activation of it (docs/exactly-once.md item 10) is made
/// harmless by union: a write refused because another activation wrote reads the record, adds to it
/// and writes again, and a read after a membership change or storage error takes what storage holds too.
/// </summary>
public sealed class AccountCatalogGrain(
    [PersistentState("catalog", CounterStorage.Name)] IPersistentState<AccountCatalogState> state,
    ClusterDisturbances disturbances,
    TimeProvider clock,
    IOptions<CounterOptions> options)
    : Grain, IAccountCatalogGrain
{
    private const int MaxWriteAttempts = 5;
    private readonly StateCheckSchedule _checks = new(disturbances, clock, options.Value);

    /// <inheritdoc />
    public async Task AddTypesAsync(ImmutableArray<string> types)
    {
        var added = false;
        foreach (var type in types)
        {
            added |= state.State.Types.Add(type);
        }

        for (var attempt = 1; added; attempt++)
        {
            try
            {
                await state.WriteStateAsync();
                return;
            }
            catch (InconsistentStateException) when (attempt < MaxWriteAttempts)
            {
                await TakeStoredTypesAsync();
            }
        }
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<string>> GetTypesAsync()
    {
        if (_checks.IsDue)
        {
            var epoch = _checks.CurrentEpoch;
            try
            {
                await TakeStoredTypesAsync();
                _checks.Checked(epoch);
            }
            catch (Exception exception) when (exception is not InconsistentStateException)
            {
                // Storage cannot be read now: answer what this activation knows; the next read checks again.
                disturbances.Record();
            }
        }

        return state.State.Types.Order(StringComparer.Ordinal).ToImmutableArray();
    }

    private async Task TakeStoredTypesAsync()
    {
        var known = state.State.Types;
        await state.ReadStateAsync();
        state.State.Types.UnionWith(known);
    }
}
