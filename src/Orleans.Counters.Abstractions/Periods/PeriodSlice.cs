namespace Orleans.Counters.Periods;

/// <summary>The segments [<paramref name="FirstSegment"/>, <paramref name="EndSegment"/>) of one period.</summary>
public readonly record struct PeriodSlice(Period Period, int FirstSegment, int EndSegment)
{
    /// <summary>True when the slice spans the whole period.</summary>
    public bool IsWhole => FirstSegment == 0 && EndSegment == Period.SegmentCount;
}
