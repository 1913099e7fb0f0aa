namespace Orleans.Counters.Grains.Counters;

/// <summary>How counter grains push totals up and write themselves behind. Section <c>Counters:Grains</c>.</summary>
public sealed class CounterOptions
{
    /// <summary>How soon a changed counter reports its total to its parent period. Keeps every period fresh within a second.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a changed counter may stay unwritten; changes in between share one write.</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(1);
}
