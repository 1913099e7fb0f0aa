using Orleans.Counters.Uniques;

namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Pre-aggregates a batch of one account's events per hour group, series and minute, so the
/// ingest grain makes one call per touched hour group however many events and URLs the batch
/// holds. Each event counts in its URL's series (when it has a URL), in the account's all-URL
/// series, and in the all-accounts series; with a referrer, also in its referrer's series; with a
/// property the account tracks, also in the series of that property's value (one more increment per
/// tracked property). A crawler's event counts apart, as a bot, and in no referrer nor property value.
/// The account's series use its time zone's hours; the all-accounts series stay in UTC.
/// </summary>
public static class HourTouchAggregator
{
    private static readonly int AllUrlsShard = CounterGroup.ShardOf(SeriesKey.AllUrls);

    /// <summary>The hour groups a batch touches, with what it adds to each series in them.</summary>
    /// <param name="batch">One account's events.</param>
    /// <param name="zone">The account's time zone; null for UTC.</param>
    /// <param name="isBot">Tells a crawler's user agent; null when no event is to count as a bot.</param>
    /// <param name="isTracked">Tells a property name the account breaks its counts down by; null for none.</param>
    /// <param name="counterAccount">The name the account's counters are kept under (a generation of its zone); the account by default.</param>
    public static IReadOnlyList<HourTouch> Aggregate(
        EventBatch batch, string? zone = null, Func<string, bool>? isBot = null, Func<string, bool>? isTracked = null, string? counterAccount = null)
    {
        var account = counterAccount ?? batch.Account;
        var hours = new Dictionary<CounterGroup, Dictionary<SeriesId, SeriesAccumulator>>();
        foreach (var counted in batch.Events)
        {
            var bot = counted.UserAgent is { } agent && isBot is not null && isBot(agent);
            var user = bot || counted.UserId is null ? (ulong?)null : UserIdHash.Of(counted.UserId);
            var hour = Period.Containing(PeriodKind.Hour, counted.Timestamp, zone);
            var minute = hour.SegmentOf(counted.Timestamp);
            var allUrls = new SeriesId(counted.Type, SeriesKey.AllUrls);
            if (counted.Url is not null)
            {
                var url = new SeriesId(counted.Type, counted.Url);
                Add(hours, new CounterGroup(account, hour, CounterGroup.ShardOf(url.Url)), url, minute, bot, counted.Value, user);
            }

            Add(hours, new CounterGroup(account, hour, AllUrlsShard), allUrls, minute, bot, counted.Value, user);
            if (!bot && ReferrerSource.Of(counted.Referrer) is { } source)
            {
                var referrer = SeriesId.OfReferrer(counted.Type, source);
                Add(hours, new CounterGroup(account, hour, CounterGroup.ShardOf(referrer.Url)), referrer, minute, bot, value: null, user: null);
            }

            if (!bot && isTracked is not null && counted.Properties is { } properties)
            {
                foreach (var (name, value) in properties)
                {
                    if (PropertyBreakdown.ValueOf(value) is { } kept && PropertyBreakdown.IsBreakable(name) && isTracked(name))
                    {
                        var property = SeriesId.OfProperty(counted.Type, name, kept);
                        Add(hours, new CounterGroup(account, hour, CounterGroup.ShardOf(property.Url)), property, minute, bot, value: null, user: null);
                    }
                }
            }

            var utcHour = zone is null ? hour : Period.Containing(PeriodKind.Hour, counted.Timestamp);
            Add(hours, new CounterGroup(SeriesKey.AllAccounts, utcHour, AllUrlsShard), allUrls, utcHour.SegmentOf(counted.Timestamp), bot, counted.Value, user);
        }

        return [.. hours.Select(hour => new HourTouch(
            hour.Key,
            [.. hour.Value.Select(series => series.Value.ToSeriesMinutes(series.Key))]))];
    }

    private static void Add(
        Dictionary<CounterGroup, Dictionary<SeriesId, SeriesAccumulator>> hours, CounterGroup hour, SeriesId series, int minute, bool bot, double? value, ulong? user)
    {
        if (!hours.TryGetValue(hour, out var touched))
        {
            touched = [];
            hours.Add(hour, touched);
        }

        if (!touched.TryGetValue(series, out var accumulator))
        {
            accumulator = new SeriesAccumulator(hour.Period.SegmentCount);
            touched.Add(series, accumulator);
        }

        if (bot)
        {
            accumulator.CountBot(minute);
        }
        else
        {
            accumulator.Count(minute, value, user);
        }
    }
}
