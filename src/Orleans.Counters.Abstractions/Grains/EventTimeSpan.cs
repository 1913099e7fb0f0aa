namespace Orleans.Counters.Grains;

/// <summary>The minutes of an account's first and last counted events (UTC); null before its first.</summary>
/// <param name="First">The start of the minute of its earliest event.</param>
/// <param name="Last">The start of the minute of its latest event.</param>
[GenerateSerializer, Immutable, Alias("counters.event-time-span")]
public readonly record struct EventTimeSpan([property: Id(0)] DateTime? First, [property: Id(1)] DateTime? Last)
{
    /// <summary>Whether this span holds <paramref name="other"/> whole.</summary>
    public bool Covers(EventTimeSpan other) =>
        other.First is null || (First <= other.First && Last >= other.Last);

    /// <summary>The span that holds both.</summary>
    public EventTimeSpan Union(EventTimeSpan other) => new(Min(First, other.First), Max(Last, other.Last));

    private static DateTime? Min(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
