namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Pre-aggregates a batch of one account's events per hour group, series and minute, so the
/// ingest grain makes one call per touched hour group however many events and URLs the batch
/// holds. Each event counts in its URL's series (when it has a URL), in the account's all-URL
/// series, and in the all-accounts series.
/// </summary>
public static class HourTouchAggregator
{
    /// <summary>The hour groups a batch touches, with what it adds to each series in them.</summary>
    public static IReadOnlyList<HourTouch> Aggregate(EventBatch batch)
    {
        var hours = new Dictionary<CounterGroup, Dictionary<SeriesId, long[]>>();
        var allUrlsShard = CounterGroup.ShardOf(SeriesKey.AllUrls);
        foreach (var counted in batch.Events)
        {
            var hour = Period.Containing(PeriodKind.Hour, counted.Timestamp);
            var minute = hour.SegmentOf(counted.Timestamp);
            if (counted.Url is not null)
            {
                Add(hours, new CounterGroup(batch.Account, hour, CounterGroup.ShardOf(counted.Url)), new SeriesId(counted.Type, counted.Url), minute);
            }

            Add(hours, new CounterGroup(batch.Account, hour, allUrlsShard), new SeriesId(counted.Type, SeriesKey.AllUrls), minute);
            Add(hours, new CounterGroup(SeriesKey.AllAccounts, hour, allUrlsShard), new SeriesId(counted.Type, SeriesKey.AllUrls), minute);
        }

        return [.. hours.Select(hour => new HourTouch(
            hour.Key,
            [.. hour.Value.Select(series => new SeriesMinutes(series.Key, ToMinuteCounts(series.Value)))]))];
    }

    private static void Add(Dictionary<CounterGroup, Dictionary<SeriesId, long[]>> hours, CounterGroup hour, SeriesId series, int minute)
    {
        if (!hours.TryGetValue(hour, out var seriesMinutes))
        {
            seriesMinutes = [];
            hours.Add(hour, seriesMinutes);
        }

        if (!seriesMinutes.TryGetValue(series, out var minutes))
        {
            minutes = new long[hour.Period.SegmentCount];
            seriesMinutes.Add(series, minutes);
        }

        minutes[minute]++;
    }

    private static ImmutableArray<MinuteCount> ToMinuteCounts(long[] minutes)
    {
        var builder = ImmutableArray.CreateBuilder<MinuteCount>();
        for (var minute = 0; minute < minutes.Length; minute++)
        {
            if (minutes[minute] != 0)
            {
                builder.Add(new MinuteCount(minute, minutes[minute]));
            }
        }

        return builder.ToImmutable();
    }
}
