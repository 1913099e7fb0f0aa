namespace Orleans.Counters.Gateway.Accounts;

/// <summary>Which accounts exist: those in the directory, and those that counted events before the directory did.</summary>
public static class KnownAccounts
{
    /// <summary>
    /// Whether the account is known. An account that counted events before the directory existed has types
    /// in its catalog but no entry: it is added here, so the list catches up as such accounts are asked for.
    /// </summary>
    public static async Task<bool> IsKnownAsync(IGrainFactory grains, string account)
    {
        var directory = grains.GetGrain<IAccountDirectoryGrain>(SeriesKey.AllAccounts);
        if (await directory.ContainsAsync(account))
        {
            return true;
        }

        if ((await grains.GetGrain<IAccountCatalogGrain>(account).GetTypesAsync()).IsEmpty)
        {
            return false;
        }

        await directory.AddAsync(account);
        return true;
    }

    /// <summary>Adds an account to the directory: created, or given settings.</summary>
    public static Task AddAsync(IGrainFactory grains, string account) =>
        grains.GetGrain<IAccountDirectoryGrain>(SeriesKey.AllAccounts).AddAsync(account);
}
