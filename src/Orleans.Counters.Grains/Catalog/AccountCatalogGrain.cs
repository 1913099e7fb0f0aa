using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Fencing;

namespace Orleans.Counters.Grains.Catalog;

/// <summary>
/// Remembers which event types an account has sent, at most <see cref="CounterOptions.MaxTypes"/> of them
/// besides <see cref="SeriesId.Overflow"/>, and the property names its counts are broken down by, at most
/// <see cref="CounterOptions.MaxPropertyNames"/>; written when a new type appears, which is rare. It also keeps the
/// minutes of the account's first and last events, written when they widen (at most once a minute in a steady stream).
/// Types only ever add up, so a second activation of it (docs/exactly-once.md item 10) is made
/// harmless by union: a write refused because another activation wrote reads the record, adds what
/// this one holds and decides again, and a read or admission after a membership change or storage
/// error takes what storage holds too. A type once kept stays kept.
/// </summary>
public sealed class AccountCatalogGrain(
    [PersistentState("catalog", CounterStorage.Name)] IPersistentState<AccountCatalogState> state,
    ClusterDisturbances disturbances,
    TimeProvider clock,
    IOptions<CounterOptions> options)
    : Grain, IAccountCatalogGrain
{
    private readonly GrowOnlyRecord<AccountCatalogState> _record = new(
        state, new StateCheckSchedule(disturbances, clock, options.Value), static (stored, held) => stored.UnionWith(held));

    /// <inheritdoc />
    public async Task AddTypesAsync(ImmutableArray<string> types)
    {
        await _record.TakeStoredWhenDueAsync();
        var added = false;
        foreach (var type in types)
        {
            added |= state.State.Types.Add(type);
        }

        if (added)
        {
            await _record.MergingOnConflictAsync(async () =>
            {
                await state.WriteStateAsync();
                return true;
            });
        }
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<string>> AdmitTypesAsync(ImmutableArray<string> types)
    {
        await _record.TakeStoredWhenDueAsync();
        return await _record.MergingOnConflictAsync(() => AdmitOnceAsync(types, state => state.Types, (state, next) => state.Types = next, options.Value.MaxTypes));
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<string>> AdmitPropertiesAsync(ImmutableArray<string> names)
    {
        await _record.TakeStoredWhenDueAsync();
        return await _record.MergingOnConflictAsync(() => AdmitOnceAsync(names, state => state.Properties, (state, next) => state.Properties = next, options.Value.MaxPropertyNames));
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<string>> GetPropertiesAsync()
    {
        await _record.TakeStoredWhenDueAsync();
        return state.State.Properties.Order(StringComparer.Ordinal).ToImmutableArray();
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<string>> GetTypesAsync()
    {
        await _record.TakeStoredWhenDueAsync();
        return state.State.Types.Order(StringComparer.Ordinal).ToImmutableArray();
    }

    /// <inheritdoc />
    public async Task<EventTimeSpan> AddEventTimesAsync(EventTimeSpan span)
    {
        await _record.TakeStoredWhenDueAsync();
        return await _record.MergingOnConflictAsync(async () =>
        {
            var held = state.State.EventTimes;
            if (!held.Covers(span))
            {
                state.State.EventTimes = held.Union(span);
                try
                {
                    await state.WriteStateAsync();
                }
                catch
                {
                    state.State.EventTimes = held;
                    throw;
                }
            }

            return state.State.EventTimes;
        });
    }

    /// <inheritdoc />
    public async Task<EventTimeSpan> GetEventTimesAsync()
    {
        await _record.TakeStoredWhenDueAsync();
        return state.State.EventTimes;
    }

    // Admits names (types or property names) into one of the state's sets while it holds fewer than max besides (other).
    private async Task<ImmutableArray<string>> AdmitOnceAsync(
        ImmutableArray<string> names, Func<AccountCatalogState, HashSet<string>> set, Action<AccountCatalogState, HashSet<string>> replace, int max)
    {
        var held = set(state.State);
        var kept = held.Count - (held.Contains(SeriesId.Overflow) ? 1 : 0);
        // Changed on a copy: an answer must never rest on a name that a failed write left unstored.
        HashSet<string>? next = null;
        foreach (var name in names.Where(name => !held.Contains(name)).Distinct())
        {
            next ??= new HashSet<string>(held);
            next.Add(kept < max ? name : SeriesId.Overflow);
            kept++;
        }

        if (next is not null && !next.SetEquals(held))
        {
            replace(state.State, next);
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                replace(state.State, held);
                throw;
            }
        }

        return [.. names.Where(set(state.State).Contains)];
    }
}
