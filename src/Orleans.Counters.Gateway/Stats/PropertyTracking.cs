namespace Orleans.Counters.Gateway.Stats;

/// <summary>
/// Refuses a read of a property the account does not break its counts down by because its cap on property
/// names (<c>Counters:Grains:MaxPropertyNames</c>) was full when the name came: its events were counted in
/// every total but in no value of it, so any breakdown or filter by it would be a wrong number. A name the
/// account never sent while it had room is answered: no event carried it, so its counts are exactly zero.
/// </summary>
public static class PropertyTracking
{
    /// <summary>Records a problem under <paramref name="field"/> when the account does not track <paramref name="property"/>; does nothing for null.</summary>
    public static async Task CheckAsync(CounterReader counters, string account, string? property, string field, StatsQuery query)
    {
        if (property is null || !query.IsValid)
        {
            return;
        }

        var tracked = await counters.PropertiesAsync(account);
        if (!tracked.Contains(property) && tracked.Contains(SeriesId.Overflow))
        {
            var names = tracked.Where(PropertyBreakdown.IsBreakable).ToList();
            query.Refuse(field, $"is not broken down: the account's cap on tracked property names was full when '{property}' first came, so its events count in every total but in none of its values; tracked: {(names.Count == 0 ? "none" : string.Join(", ", names))}");
        }
    }
}
