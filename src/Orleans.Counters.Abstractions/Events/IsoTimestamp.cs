using System.Globalization;

namespace Orleans.Counters.Events;

/// <summary>Reads ISO-8601 timestamps; one without an offset is taken as UTC.</summary>
public static class IsoTimestamp
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>Parses an ISO-8601 date or date-time.</summary>
    public static bool TryParse(string? text, out DateTimeOffset timestamp) =>
        DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
}
