namespace Orleans.Counters.Grains;

/// <summary>A day's, month's or year's counters, fed by the reports of their child periods.</summary>
public interface IRollupCountersGrain : ICountersGrain
{
    /// <summary>Records a child's totals, unless a report with the same or a higher version came first.</summary>
    /// <returns>True when the report was taken; false when it was stale.</returns>
    Task<bool> ReportAsync(ChildReport report);
}
