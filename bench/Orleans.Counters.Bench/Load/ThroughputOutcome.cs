namespace Orleans.Counters.Bench.Load;

/// <summary>How long counting a number of events took.</summary>
/// <param name="Events">Events counted.</param>
/// <param name="Elapsed">From the first event sent until the last was counted.</param>
/// <param name="Detail">How it was measured, for the report.</param>
public sealed record ThroughputOutcome(long Events, TimeSpan Elapsed, string Detail) : IOutcome
{
    /// <summary>Events counted per second.</summary>
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}
