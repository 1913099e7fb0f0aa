namespace Orleans.Counters.Periods;

/// <summary>The calendar periods counters are kept for, finest first.</summary>
public enum PeriodKind
{
    /// <summary>An hour: 60 minute segments, numbered 0–59.</summary>
    Hour = 0,

    /// <summary>A day: 24 hour segments, numbered 0–23.</summary>
    Day = 1,

    /// <summary>A month: one segment per day, numbered 1–28…31.</summary>
    Month = 2,

    /// <summary>A year: 12 month segments, numbered 1–12.</summary>
    Year = 3,
}
