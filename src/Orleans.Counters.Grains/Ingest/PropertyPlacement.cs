namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Decides which of a batch's property names its account breaks counts down by: the account's catalog keeps
/// the first ones seen, up to its cap, before any hour counts them; a name past the cap is not broken down at
/// all (its events count as ever everywhere else). The referrer, counted in a dimension of its own, is no
/// such name. The catalog answers the same for a name every time, so a message applied again (replayed, or
/// repaired into an hour that lost it) is broken down as the first time.
/// </summary>
/// <param name="account">The account's catalog: decides which property names it keeps.</param>
public sealed class PropertyPlacement(IAccountCatalogGrain account)
{
    // The names the catalog keeps, as far as this placement asked; once it refused one, it is full for good.
    private readonly HashSet<string> _kept = [];
    private bool _full;

    /// <summary>True when the account breaks its counts down by the property <paramref name="name"/>, as far as asked.</summary>
    public bool IsTracked(string name) => _kept.Contains(name);

    /// <summary>Asks the catalog about the names of <paramref name="batch"/> not decided yet; then <see cref="IsTracked"/> answers for each.</summary>
    public async Task PlaceAsync(EventBatch batch)
    {
        if (_full)
        {
            return;
        }

        var unknown = batch.Events
            .Where(e => e.Properties is not null)
            .SelectMany(e => e.Properties!.Keys)
            .Where(name => PropertyBreakdown.IsBreakable(name) && !_kept.Contains(name))
            .Distinct()
            .ToImmutableArray();
        if (unknown.IsEmpty)
        {
            return;
        }

        var kept = await account.AdmitPropertiesAsync(unknown);
        _kept.UnionWith(kept);
        _full = kept.Length < unknown.Length;
    }
}
