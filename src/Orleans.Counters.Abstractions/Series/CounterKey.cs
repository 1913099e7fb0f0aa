using Orleans.Counters.Periods;

namespace Orleans.Counters.Series;

/// <summary>
/// The string key of a counter grain: <c>account|type|period|url</c>. The url goes last
/// because it is the only part that may itself contain the separator.
/// </summary>
public static class CounterKey
{
    private const char Separator = '|';

    /// <summary>Formats the grain key of a series' counter for a period.</summary>
    public static string Format(SeriesKey series, Period period) =>
        string.Join(Separator, series.Account, series.Type, period.ToString(), series.Url);

    /// <summary>Reads a grain key written by <see cref="Format"/>.</summary>
    public static (SeriesKey Series, Period Period) Parse(string key)
    {
        var parts = key.Split(Separator, 4);
        if (parts.Length != 4)
        {
            throw new FormatException($"'{key}' is not a counter key.");
        }

        return (new SeriesKey(parts[0], parts[1], parts[3]), Period.Parse(parts[2]));
    }
}
