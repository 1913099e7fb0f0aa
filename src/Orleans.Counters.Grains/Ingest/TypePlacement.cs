using Orleans.Counters.Grains.Operations;

namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Places a batch's events under the types its account may keep: the account's catalog decides a new type
/// before any hour counts it, and the events of a type it has no room for count as type <c>(other)</c>. The
/// catalog answers the same for a type every time, so a message applied again (replayed, or repaired into an
/// hour that lost it) counts under the same types as the first time.
/// </summary>
/// <param name="account">The account's catalog: decides which types it keeps.</param>
/// <param name="allAccounts">The all-accounts catalog: lists every type any account keeps.</param>
/// <param name="metrics">Where the events counted as type <c>(other)</c> are counted.</param>
public sealed class TypePlacement(IAccountCatalogGrain account, IAccountCatalogGrain allAccounts, GrainMetrics metrics)
{
    // The account's types its catalog keeps, as far as this placement asked; once the catalog is full,
    // every other type counts as (other) without asking, for a full catalog stays so.
    private readonly HashSet<string> _keptTypes = [];
    private bool _typesFull;

    /// <summary>The batch with the events of types the account has no room for counted as type <c>(other)</c>.</summary>
    public async Task<EventBatch> PlaceAsync(EventBatch batch)
    {
        var unknown = batch.Events.Select(e => e.Type).Where(type => !_keptTypes.Contains(type)).Distinct().ToImmutableArray();
        if (!unknown.IsEmpty && !_typesFull)
        {
            var kept = await account.AdmitTypesAsync(unknown);
            var full = kept.Length < unknown.Length;
            await allAccounts.AddTypesAsync(full ? kept.Add(SeriesId.Overflow) : kept);
            _keptTypes.UnionWith(kept);
            _typesFull = full;
        }

        var overflowing = batch.Events.Count(e => !_keptTypes.Contains(e.Type));
        if (overflowing == 0)
        {
            return batch;
        }

        metrics.CountedInOverflow("type", overflowing, "account");
        return batch with { Events = [.. batch.Events.Select(e => _keptTypes.Contains(e.Type) ? e : e with { Type = SeriesId.Overflow })] };
    }
}
