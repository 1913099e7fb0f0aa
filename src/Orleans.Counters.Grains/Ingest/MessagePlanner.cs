namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Turns one account's stream message into what each hour group it touches is to add: the events placed
/// under the types the account keeps, then pre-aggregated per hour of the account's time zone, crawlers
/// counted apart. The first application and every later one (catch-up, repair) plan a message alike.
/// </summary>
/// <param name="types">Places events under the types the account keeps.</param>
/// <param name="bots">Tells crawlers' user agents.</param>
public sealed class MessagePlanner(TypePlacement types, IBotDetector bots)
{
    /// <summary>The account's time zone; null for UTC.</summary>
    public string? Zone { get; set; }

    /// <summary>The hour groups <paramref name="batch"/> touches, with what it adds to each series in them.</summary>
    public async Task<IReadOnlyList<HourTouch>> PlanAsync(EventBatch batch) =>
        HourTouchAggregator.Aggregate(await types.PlaceAsync(batch), Zone, bots.IsBot);
}
