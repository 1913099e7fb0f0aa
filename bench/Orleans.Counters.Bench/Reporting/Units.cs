namespace Orleans.Counters.Bench.Reporting;

/// <summary>The units figures are reported in.</summary>
public static class Units
{
    /// <summary>Events counted per second.</summary>
    public const string EventsPerSecond = "events/s";

    /// <summary>Commands a server answered per second (its own benchmark tool's figure).</summary>
    public const string CommandsPerSecond = "commands/s";

    /// <summary>Requests answered per second.</summary>
    public const string RequestsPerSecond = "requests/s";

    /// <summary>Latency in milliseconds.</summary>
    public const string Milliseconds = "ms";

    /// <summary>Memory a silo holds per counted (series, hour).</summary>
    public const string BytesPerSeriesHour = "bytes/series-hour";
}
