namespace Orleans.Counters.Ship.Parsing;

/// <summary>What <see cref="CombinedLogParser"/> made of a line: a record, or why there is none.</summary>
public readonly record struct LogParseResult
{
    private LogParseResult(AccessLogRecord? record, string? reason)
    {
        Record = record;
        Reason = reason;
    }

    /// <summary>The parsed line, when it could be parsed.</summary>
    public AccessLogRecord? Record { get; }

    /// <summary>Why the line could not be parsed, when it could not.</summary>
    public string? Reason { get; }

    /// <summary>A parsed line.</summary>
    public static LogParseResult Parsed(AccessLogRecord record) => new(record, null);

    /// <summary>An unparsable line and the reason.</summary>
    public static LogParseResult Unparsable(string reason) => new(null, reason);
}
