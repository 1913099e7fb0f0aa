using System.Globalization;

namespace Orleans.Counters.Ship.Cli;

/// <summary>Reads durations as people write them on a command line: <c>500ms</c>, <c>1s</c>, <c>5m</c>, <c>2h</c>, <c>400d</c>, or <c>00:00:01</c>.</summary>
public static class Durations
{
    private static readonly (string Suffix, double Milliseconds)[] Units =
    [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ];

    /// <summary>Parses a duration; false when the text is none.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        text = text.Trim();
        foreach (var (suffix, milliseconds) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && amount >= 0)
            {
                duration = TimeSpan.FromMilliseconds(amount * milliseconds);
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }
}
