namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Pre-aggregates a batch of one account's events per (series, hour, minute), so the ingest
/// grain makes one call per touched hour counter however many events the batch holds.
/// Each event counts in its URL's series (when it has a URL), in the account's all-URL
/// series, and in the all-accounts series.
/// </summary>
public static class HourTouchAggregator
{
    /// <summary>The hour counters a batch touches, with what it adds to each.</summary>
    public static IReadOnlyList<HourTouch> Aggregate(EventBatch batch)
    {
        var hours = new Dictionary<(SeriesKey Series, DateTime Hour), long[]>();
        foreach (var counted in batch.Events)
        {
            var hourStart = Period.Containing(PeriodKind.Hour, counted.Timestamp).Start;
            var minute = counted.Timestamp.Minute;
            if (counted.Url is not null)
            {
                Add(hours, new SeriesKey(batch.Account, counted.Type, counted.Url), hourStart, minute);
            }

            Add(hours, SeriesKey.AllUrlsOf(batch.Account, counted.Type), hourStart, minute);
            Add(hours, SeriesKey.AllUrlsOf(SeriesKey.AllAccounts, counted.Type), hourStart, minute);
        }

        return hours.Select(entry => new HourTouch(entry.Key.Series, Period.Containing(PeriodKind.Hour, entry.Key.Hour), ToMinuteCounts(entry.Value))).ToList();
    }

    private static void Add(Dictionary<(SeriesKey, DateTime), long[]> hours, SeriesKey series, DateTime hourStart, int minute)
    {
        if (!hours.TryGetValue((series, hourStart), out var minutes))
        {
            minutes = new long[60];
            hours.Add((series, hourStart), minutes);
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
