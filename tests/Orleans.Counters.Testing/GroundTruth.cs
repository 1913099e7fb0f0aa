namespace Orleans.Counters.Testing;

/// <summary>
/// The counts every period of every series must show, computed directly from the events:
/// each event counts in its URL's series, its account's all-URL series and the all-accounts series,
/// in its hour, day, month and year.
/// </summary>
public sealed class GroundTruth
{
    private readonly Dictionary<(SeriesKey Series, Period Period), long[]> _segments = [];
    private readonly Dictionary<(string Account, string Type, Period Period), long> _withoutUrl = [];

    /// <summary>Adds events to the truth.</summary>
    public void Add(IEnumerable<CounterEvent> events)
    {
        foreach (var counted in events)
        {
            if (counted.Url is not null)
            {
                Count(new SeriesKey(counted.Account, counted.Type, counted.Url), counted.Timestamp);
            }
            else
            {
                CountWithoutUrl(counted);
            }

            Count(SeriesKey.AllUrlsOf(counted.Account, counted.Type), counted.Timestamp);
            Count(SeriesKey.AllUrlsOf(SeriesKey.AllAccounts, counted.Type), counted.Timestamp);
        }
    }

    /// <summary>Every (series, period) with at least one event.</summary>
    public IReadOnlyCollection<(SeriesKey Series, Period Period)> Periods => _segments.Keys;

    /// <summary>Every year period, the coarsest level, for waiting until the rollups have caught up.</summary>
    public IEnumerable<(SeriesKey Series, Period Period)> Years => _segments.Keys.Where(key => key.Period.Kind == PeriodKind.Year);

    /// <summary>The expected segments of a period; zeros for a period with no events.</summary>
    public long[] Expected(SeriesKey series, Period period) =>
        _segments.TryGetValue((series, period), out var segments) ? segments : new long[period.SegmentCount];

    /// <summary>How many events of an account's type in a period had no URL: they count in <c>*</c> only.</summary>
    public long WithoutUrl(string account, string type, Period period) =>
        _withoutUrl.GetValueOrDefault((account, type, period));

    private void CountWithoutUrl(CounterEvent counted)
    {
        for (var kind = PeriodKind.Hour; kind <= PeriodKind.Year; kind++)
        {
            var key = (counted.Account, counted.Type, Period.Containing(kind, counted.Timestamp));
            _withoutUrl[key] = _withoutUrl.GetValueOrDefault(key) + 1;
        }
    }

    private void Count(SeriesKey series, DateTime timestamp)
    {
        for (var kind = PeriodKind.Hour; kind <= PeriodKind.Year; kind++)
        {
            var period = Period.Containing(kind, timestamp);
            if (!_segments.TryGetValue((series, period), out var segments))
            {
                segments = new long[period.SegmentCount];
                _segments.Add((series, period), segments);
            }

            segments[period.SegmentOf(timestamp)]++;
        }
    }
}
