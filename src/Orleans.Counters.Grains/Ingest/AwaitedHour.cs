namespace Orleans.Counters.Grains.Ingest;

/// <summary>An hour group some applied messages wait on, with what it last said it persisted.</summary>
public sealed class AwaitedHour(CounterGroup hour)
{
    /// <summary>The hour group.</summary>
    public CounterGroup Hour { get; } = hour;

    /// <summary>The position of the latest message applied to it.</summary>
    public StreamPosition Latest { get; set; }

    /// <summary>The position it last reported persisted, if any.</summary>
    public StreamPosition? Persisted { get; set; }

    /// <summary>The activation of the hour that applied the messages waiting on it.</summary>
    public Guid Incarnation { get; set; }
}
