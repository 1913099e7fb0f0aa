namespace Orleans.Counters.Gateway.Problems;

/// <summary>Requests answered by an exception handler: event ids 2300–2399 (see <see cref="Gateway.Log"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Unavailable: {Exception}: {Message}")]
    public static partial void Unavailable(ILogger logger, string exception, string message);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "PostgreSQL refused a request's events: {SqlState} {Reason}")]
    public static partial void UnstorableEvents(ILogger logger, string sqlState, string reason);
}
