using Orleans.Counters.Grains.Counters;
using Orleans.Storage;

namespace Orleans.Counters.Grains.Settings;

/// <summary>
/// The accounts' site domains, in one record so that a domain is claimed by one account at most. Changed only by
/// an admin's <c>PUT …/settings</c>, which is rare. A write refused because another activation wrote (a second
/// activation after a membership change) reads the record again and decides again.
/// </summary>
public sealed class DomainDirectoryGrain(
    [PersistentState("domains", CounterStorage.Name)] IPersistentState<DomainDirectoryState> state)
    : Grain, IDomainDirectoryGrain
{
    private const int MaxWriteAttempts = 3;

    /// <inheritdoc />
    public async Task<ImmutableArray<string>> SetAsync(string account, ImmutableArray<string> domains)
    {
        for (var attempt = 1; ; attempt++)
        {
            var taken = domains.Where(d => state.State.Accounts.TryGetValue(d, out var owner) && owner != account).ToImmutableArray();
            if (!taken.IsEmpty)
            {
                return taken;
            }

            var next = state.State.Accounts.Where(pair => pair.Value != account).ToDictionary(StringComparer.Ordinal);
            foreach (var domain in domains)
            {
                next[domain] = account;
            }

            var held = state.State.Accounts;
            state.State.Accounts = next;
            try
            {
                await state.WriteStateAsync();
                return [];
            }
            catch (InconsistentStateException) when (attempt < MaxWriteAttempts)
            {
                await state.ReadStateAsync();
            }
            catch
            {
                state.State.Accounts = held;
                throw;
            }
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<string>> GetAsync(string account) =>
        Task.FromResult(state.State.Accounts.Where(pair => pair.Value == account).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToImmutableArray());

    /// <inheritdoc />
    public Task<string?> FindAccountAsync(string domain) =>
        Task.FromResult(state.State.Accounts.GetValueOrDefault(domain));
}
