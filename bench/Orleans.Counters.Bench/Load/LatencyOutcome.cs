namespace Orleans.Counters.Bench.Load;

/// <summary>What a closed-loop request load measured.</summary>
/// <param name="Requests">Requests answered with the expected status.</param>
/// <param name="Errors">Requests that failed or got another status.</param>
/// <param name="Elapsed">The measured interval.</param>
/// <param name="P50Milliseconds">Median latency of the successful requests.</param>
/// <param name="P99Milliseconds">99th percentile latency of the successful requests.</param>
/// <param name="Detail">How it was measured, for the report.</param>
public sealed record LatencyOutcome(long Requests, long Errors, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds, string Detail) : IOutcome
{
    /// <summary>Successful requests per second.</summary>
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}
