namespace Orleans.Counters.Bench.Load;

/// <summary>A measurement that can say how it was made.</summary>
public interface IOutcome
{
    /// <summary>The workload and the raw figures, for the report.</summary>
    string Detail { get; }
}
