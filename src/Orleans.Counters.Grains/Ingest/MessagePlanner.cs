namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Turns one account's stream message into what each hour group it touches is to add: the events placed
/// under the types the account keeps, then pre-aggregated per hour of the account's time zone, crawlers
/// counted apart, broken down by the property names the account tracks. The first application and every later one (catch-up, repair) plan a message alike.
/// </summary>
/// <param name="types">Places events under the types the account keeps.</param>
/// <param name="properties">Decides which property names the account breaks its counts down by.</param>
/// <param name="bots">Tells crawlers' user agents.</param>
public sealed class MessagePlanner(TypePlacement types, PropertyPlacement properties, IBotDetector bots)
{
    /// <summary>The account's time zone; null for UTC.</summary>
    public string? Zone { get; set; }

    /// <summary>The hour groups <paramref name="batch"/> touches, with what it adds to each series in them.</summary>
    public async Task<IReadOnlyList<HourTouch>> PlanAsync(EventBatch batch)
    {
        var placed = await types.PlaceAsync(batch);
        await properties.PlaceAsync(placed);
        return HourTouchAggregator.Aggregate(placed, Zone, bots.IsBot, properties.IsTracked);
    }
}
