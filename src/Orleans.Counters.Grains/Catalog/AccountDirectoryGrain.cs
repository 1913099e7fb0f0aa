using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Fencing;

namespace Orleans.Counters.Grains.Catalog;

/// <summary>
/// The list of accounts behind <c>GET /api/accounts</c>. Written when an account is new, which is rare: ingest
/// grains add their account once per activation. The list only grows, so a second activation of it is made
/// harmless by union, as the account catalogs' types are (<see cref="GrowOnlyRecord{TState}"/>).
/// </summary>
public sealed class AccountDirectoryGrain(
    [PersistentState("directory", CounterStorage.Name)] IPersistentState<AccountDirectoryState> state,
    ClusterDisturbances disturbances,
    TimeProvider clock,
    IOptions<CounterOptions> options)
    : Grain, IAccountDirectoryGrain
{
    private readonly GrowOnlyRecord<AccountDirectoryState> _record = new(
        state, new StateCheckSchedule(disturbances, clock, options.Value), static (stored, held) => stored.Accounts.UnionWith(held.Accounts));

    /// <inheritdoc />
    public async Task AddAsync(string account)
    {
        await _record.TakeStoredWhenDueAsync();
        if (state.State.Accounts.Contains(account))
        {
            return;
        }

        await _record.MergingOnConflictAsync(async () =>
        {
            if (state.State.Accounts.Add(account))
            {
                try
                {
                    await state.WriteStateAsync();
                }
                catch
                {
                    state.State.Accounts.Remove(account);
                    throw;
                }
            }

            return true;
        });
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<string>> ListAsync()
    {
        await _record.TakeStoredWhenDueAsync();
        return [.. state.State.Accounts.Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<bool> ContainsAsync(string account)
    {
        await _record.TakeStoredWhenDueAsync();
        return state.State.Accounts.Contains(account);
    }
}
