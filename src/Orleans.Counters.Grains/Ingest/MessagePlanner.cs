using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Turns one account's stream message into what each hour group it touches is to add: the events placed
/// under the types the account keeps, then pre-aggregated per hour of the account's time zone, crawlers
/// counted apart, broken down by the property names the account tracks. The zone is the one in effect when the
/// message was published (<see cref="ZoneHistory"/>), so the first application and every later one (catch-up,
/// repair) plan a message alike, even across a change of zone.
/// </summary>
/// <param name="types">Places events under the types the account keeps.</param>
/// <param name="properties">Decides which property names the account breaks its counts down by.</param>
/// <param name="bots">Tells crawlers' user agents.</param>
public sealed class MessagePlanner(TypePlacement types, PropertyPlacement properties, IBotDetector bots)
{
    /// <summary>The account's zones by publish time.</summary>
    public ZoneHistory History { get; set; } = ZoneHistory.Of(null);

    /// <summary>The hour groups <paramref name="batch"/> touches, with what it adds to each series in them.</summary>
    public async Task<IReadOnlyList<HourTouch>> PlanAsync(EventBatch batch)
    {
        var placed = await types.PlaceAsync(batch);
        await properties.PlaceAsync(placed);
        var generation = History.GenerationAt(batch.PublishedAt);
        var touches = HourTouchAggregator.Aggregate(
            placed, History.ZoneAt(batch.PublishedAt), bots.IsBot, properties.IsTracked, ZoneHistory.CounterAccount(batch.Account, generation));
        if (History.NextAfter(batch.PublishedAt) is not { } next)
        {
            return touches;
        }

        // Published before the account changed zone: counted in the former zone's hours, which pass it on.
        return [.. touches.Select(touch => touch.Hour.Account == SeriesKey.AllAccounts ? touch : touch with { RebucketTo = next })];
    }
}
