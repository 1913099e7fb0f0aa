namespace Orleans.Counters.Grains;

/// <summary>A day's, month's or year's counters, fed by the reports of their child periods.</summary>
public interface IRollupCountersGrain : ICountersGrain
{
    /// <summary>
    /// Records a child's totals, unless a report with the same or a higher version came first, or this
    /// activation found that storage moved past it (another activation wrote; it is going away).
    /// </summary>
    /// <returns>Whether the report was taken, and the version the parent holds for the child's segment.</returns>
    Task<ReportReceipt> ReportAsync(ChildReport report);

    /// <summary>The segments (child periods) whose counters reported to this one.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<int>> GetReportedSegmentsAsync();
}
