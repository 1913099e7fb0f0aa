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

    /// <summary>A number of (series, hour) with counts.</summary>
    public const string SeriesHours = "series-hours";

    /// <summary>Seconds a time zone rebuild takes per million series-hours it moves.</summary>
    public const string SecondsPerMillionSeriesHours = "s/million series-hours";

    /// <summary>Series-hours a time zone rebuild moves per second.</summary>
    public const string SeriesHoursPerSecond = "series-hours/s";

    /// <summary>Hour groups (an account shard's hour) a time zone rebuild moved.</summary>
    public const string HourGroups = "hour groups";

    /// <summary>Hour groups a time zone rebuild moves per second.</summary>
    public const string HourGroupsPerSecond = "hour groups/s";

    /// <summary>The decimals a value of <paramref name="unit"/> keeps: latencies to the microsecond, rebuild times to a tenth of a second.</summary>
    public static int Decimals(string unit) => unit switch
    {
        Milliseconds => 3,
        SecondsPerMillionSeriesHours => 1,
        _ => 0,
    };

    /// <summary>A value as the reports print it.</summary>
    public static string Format(double value, string unit) => value.ToString(Decimals(unit) switch
    {
        0 => "N0",
        1 => "N1",
        _ => "0.000",
    }, CultureInfo.InvariantCulture);
}
