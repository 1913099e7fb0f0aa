using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Ingest;

/// <summary>What one batch adds to one hour's counters: per-minute counts of each series it touched there.</summary>
/// <param name="Hour">The hour group.</param>
/// <param name="Series">What the batch adds to each series there.</param>
public sealed record HourTouch(CounterGroup Hour, ImmutableArray<SeriesMinutes> Series)
{
    /// <summary>The zone the hour passes its counts on to: set for an account's hours in a zone it has left since the batch was published.</summary>
    public ZoneTarget? RebucketTo { get; init; }

    /// <summary>The increment that applies this touch as message <paramref name="position"/> of <paramref name="source"/>.</summary>
    public GroupIncrement Increment(string source, StreamPosition position, Guid? incarnation) =>
        new(source, position, Series, incarnation, RebucketTo);
}
