using HdrHistogram;

namespace Orleans.Counters.Bench.Load;

/// <summary>What a request load (or a series of freshness samples) measured.</summary>
/// <param name="Requests">Requests answered as expected (or samples taken).</param>
/// <param name="Errors">Requests that failed or got another status.</param>
/// <param name="Elapsed">The measured interval.</param>
/// <param name="P50Milliseconds">Median latency of the successful requests.</param>
/// <param name="P99Milliseconds">99th percentile latency of the successful requests.</param>
/// <param name="Detail">How it was measured, for the report.</param>
public sealed record LatencyOutcome(long Requests, long Errors, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds, string Detail) : IOutcome
{
    /// <summary>Successful requests per second.</summary>
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>The outcome of the latencies recorded in <paramref name="histogram"/>.</summary>
    public static LatencyOutcome From(LongHistogram histogram, long errors, TimeSpan elapsed, string detail) =>
        new(histogram.TotalCount, errors, elapsed, LatencyHistogram.Milliseconds(histogram, 50), LatencyHistogram.Milliseconds(histogram, 99), detail);
}
