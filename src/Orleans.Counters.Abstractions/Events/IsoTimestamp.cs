using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Counters.Events;

/// <summary>
/// Reads ISO-8601 timestamps; one without an offset is taken as UTC. Fractions finer than
/// .NET's 100 ns tick (Go's and Java's nanoseconds) are cut to the tick.
/// </summary>
public static partial class IsoTimestamp
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>Parses an ISO-8601 date or date-time.</summary>
    public static bool TryParse(string? text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        return text is not null
            && DateTimeOffset.TryParseExact(BeyondTicks().Replace(text, "$1", 1), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
    }

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex BeyondTicks();
}
