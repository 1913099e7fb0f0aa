namespace Orleans.Counters.Grains.Ingest;

/// <summary>An applied stream message, waiting until every hour it touched has persisted it.</summary>
/// <param name="Position">The message's stream position.</param>
/// <param name="Hours">The hours it touched.</param>
public sealed record PendingAcknowledgement(StreamPosition Position, IReadOnlyList<AwaitedHour> Hours)
{
    /// <summary>True when every hour it touched reported a persisted position at or past this one.</summary>
    public bool IsPersisted => Hours.All(hour => hour.Persisted >= Position);
}
