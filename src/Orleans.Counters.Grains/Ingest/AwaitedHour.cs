namespace Orleans.Counters.Grains.Ingest;

/// <summary>An hour counter some applied messages wait on, with what it last said it persisted.</summary>
public sealed class AwaitedHour(SeriesKey series, Period hour)
{
    /// <summary>The hour counter's series.</summary>
    public SeriesKey Series { get; } = series;

    /// <summary>The hour counter's period.</summary>
    public Period Hour { get; } = hour;

    /// <summary>The position of the latest message applied to it.</summary>
    public StreamPosition Latest { get; set; }

    /// <summary>The position it last reported persisted, if any.</summary>
    public StreamPosition? Persisted { get; set; }
}
