namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>
/// Reads the Spring event-counter service's <c>datetime</c>: ISO-8601 as Java writes it (<c>2021-12-03T19:47:19.879263</c>), or
/// with a space for the <c>T</c> as PostgreSQL showed that service's event table (<c>2021-12-03 19:47:19.879263</c>).
/// Without an offset it is UTC.
/// </summary>
public static class SpringDateTime
{
    /// <summary>What a client is told when its datetime cannot be read.</summary>
    public const string Expected = "must be an ISO-8601 date-time such as 2021-12-03T19:47:19Z, or 2021-12-03 19:47:19.879263 (UTC unless an offset is given)";

    private const int DateLength = 10;

    /// <summary>Parses the text; false when it is neither form.</summary>
    public static bool TryParse(string text, out DateTimeOffset timestamp)
    {
        var iso = text.Length > DateLength && text[DateLength] == ' '
            ? string.Concat(text.AsSpan(0, DateLength), "T", text.AsSpan(DateLength + 1))
            : text;
        return IsoTimestamp.TryParse(iso, out timestamp);
    }
}
