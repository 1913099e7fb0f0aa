using Orleans.Counters.Periods;

namespace Orleans.Counters.Bench.Load;

/// <summary>
/// What a period of any zone must show, computed from the events themselves: each segment (month, day, hour or
/// minute) counts the events stamped within it. The ground truth a rebuilt account's reads are checked against.
/// </summary>
public static class ZonedExpectation
{
    /// <summary>
    /// The segments of <paramref name="period"/> for the events of <paramref name="type"/> in <paramref name="account"/>,
    /// of one URL, or of all of them when <paramref name="url"/> is null.
    /// </summary>
    public static long[] Segments(IEnumerable<BenchEvent> events, Period period, string account, string type, string? url = null)
    {
        var segments = new long[period.SegmentCount];
        foreach (var e in events)
        {
            if (e.Account == account && e.Type == type && (url is null || e.Url == url) && period.Contains(e.Timestamp))
            {
                segments[period.SegmentOf(e.Timestamp)]++;
            }
        }

        return segments;
    }
}
