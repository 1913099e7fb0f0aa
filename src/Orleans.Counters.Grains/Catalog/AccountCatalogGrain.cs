using Orleans.Counters.Grains.Counters;

namespace Orleans.Counters.Grains.Catalog;

/// <summary>
/// Remembers which event types an account has sent, at most <see cref="CounterOptions.MaxTypes"/> of them
/// besides <see cref="SeriesId.Overflow"/>; written when a new type appears, which is rare.
/// </summary>
public sealed class AccountCatalogGrain(
    [PersistentState("catalog", CounterStorage.Name)] IPersistentState<AccountCatalogState> state,
    IOptions<CounterOptions> options)
    : Grain, IAccountCatalogGrain
{
    /// <inheritdoc />
    public async Task AddTypesAsync(ImmutableArray<string> types)
    {
        var added = false;
        foreach (var type in types)
        {
            added |= state.State.Types.Add(type);
        }

        if (added)
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<string>> AdmitTypesAsync(ImmutableArray<string> types)
    {
        var held = state.State.Types;
        var kept = held.Count - (held.Contains(SeriesId.Overflow) ? 1 : 0);
        // Changed on a copy: an answer must never rest on a type that a failed write left unstored.
        HashSet<string>? next = null;
        foreach (var type in types.Where(type => !held.Contains(type)).Distinct())
        {
            next ??= new HashSet<string>(held);
            next.Add(kept < options.Value.MaxTypes ? type : SeriesId.Overflow);
            kept++;
        }

        if (next is not null && !next.SetEquals(held))
        {
            state.State.Types = next;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.Types = held;
                throw;
            }
        }

        return [.. types.Where(state.State.Types.Contains)];
    }

    /// <inheritdoc />
    public Task<ImmutableArray<string>> GetTypesAsync() => Task.FromResult(state.State.Types.Order(StringComparer.Ordinal).ToImmutableArray());
}
