namespace Orleans.Counters.Grains;

/// <summary>
/// Which account each site domain belongs to: the accounts' <c>domains</c> settings, by which Plausible's
/// Events API (<c>POST /api/event</c>, a body naming its <c>domain</c>) finds the account. A domain belongs to
/// one account at most. One grain, keyed <see cref="Series.SeriesKey.AllAccounts"/>.
/// </summary>
public interface IDomainDirectoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Makes <paramref name="domains"/> (normalised) the account's domains, releasing those it held and no longer
    /// lists. Refused, changing nothing, when another account holds any of them: answers those.
    /// </summary>
    Task<ImmutableArray<string>> SetAsync(string account, ImmutableArray<string> domains);

    /// <summary>The account's domains, sorted.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> GetAsync(string account);

    /// <summary>The account a domain belongs to; null when none.</summary>
    [ReadOnly]
    Task<string?> FindAccountAsync(string domain);
}
