namespace Orleans.Counters.Grains;

/// <summary>A day's, month's or year's counter, fed by its children's absolute totals.</summary>
public interface IRollupCounterGrain : ICounterGrain
{
    /// <summary>Records a child's total, unless a report with the same or a higher version came first.</summary>
    /// <returns>True when the report changed the segment; false when it was stale.</returns>
    Task<bool> ReportAsync(ChildTotal report);
}
