namespace Orleans.Counters.Grains.Catalog;

/// <summary>Remembers which event types an account has sent; written when a new type appears, which is rare.</summary>
public sealed class AccountCatalogGrain(
    [PersistentState("catalog", CounterStorage.Name)] IPersistentState<AccountCatalogState> state)
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
    public Task<ImmutableArray<string>> GetTypesAsync() => Task.FromResult(state.State.Types.Order(StringComparer.Ordinal).ToImmutableArray());
}
