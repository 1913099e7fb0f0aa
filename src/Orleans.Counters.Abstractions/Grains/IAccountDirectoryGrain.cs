namespace Orleans.Counters.Grains;

/// <summary>
/// Every account the cluster knows: each that counted an event, was created (<c>POST /api/accounts</c>) or
/// was given settings. One grain, keyed <see cref="Series.SeriesKey.AllAccounts"/>; the list only grows.
/// </summary>
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds an account; a known one is ignored.</summary>
    Task AddAsync(string account);

    /// <summary>The accounts, sorted.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> ListAsync();

    /// <summary>Whether the account is known.</summary>
    [ReadOnly]
    Task<bool> ContainsAsync(string account);
}
