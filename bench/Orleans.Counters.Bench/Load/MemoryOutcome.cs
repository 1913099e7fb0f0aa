namespace Orleans.Counters.Bench.Load;

/// <summary>What a silo's memory grew by while it took on a number of series-hours.</summary>
/// <param name="SeriesHours">Distinct (series, hour) counted: the hour counters the load activated.</param>
/// <param name="Before">The process after a forced full GC, before the load.</param>
/// <param name="After">The process after a forced full GC, once every event of the load was visible.</param>
/// <param name="Detail">How it was measured, for the report.</param>
public sealed record MemoryOutcome(long SeriesHours, ProcessMemory.Snapshot Before, ProcessMemory.Snapshot After, string Detail) : IOutcome
{
    /// <summary>GC heap growth per series-hour, in bytes.</summary>
    public double GcHeapBytesPerSeriesHour => (double)(After.GcHeapBytes - Before.GcHeapBytes) / SeriesHours;

    /// <summary>Resident set growth per series-hour, in bytes.</summary>
    public double ResidentBytesPerSeriesHour => (double)(After.ResidentBytes - Before.ResidentBytes) / SeriesHours;
}
