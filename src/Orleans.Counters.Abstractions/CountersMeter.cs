namespace Orleans.Counters;

/// <summary>The one meter of the counters' own instruments, silo and gateway alike, each created through <c>IMeterFactory</c>.</summary>
public static class CountersMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "Orleans.Counters";
}
