using HdrHistogram;

namespace Orleans.Counters.Bench.Load;

/// <summary>The latency histograms of every load: microseconds up to a minute, 3 significant digits.</summary>
public static class LatencyHistogram
{
    private const long MaxMicroseconds = 60_000_000;

    /// <summary>An empty histogram.</summary>
    public static LongHistogram Create() => new(MaxMicroseconds, 3);

    /// <summary>Records one latency; anything above a minute counts as a minute.</summary>
    public static void Record(LongHistogram histogram, TimeSpan latency) =>
        histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 0, MaxMicroseconds));

    /// <summary>The latency at a percentile, in milliseconds.</summary>
    public static double Milliseconds(LongHistogram histogram, double percentile) => histogram.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>One histogram holding every part's values.</summary>
    public static LongHistogram Merge(IEnumerable<LongHistogram> parts)
    {
        var merged = Create();
        foreach (var part in parts)
        {
            merged.Add(part);
        }

        return merged;
    }
}
