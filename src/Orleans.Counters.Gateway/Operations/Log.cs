namespace Orleans.Counters.Gateway.Operations;

/// <summary>Metrics' and the durable queue's messages: event ids 2400–2499 (see <see cref="Gateway.Log"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Could not read the events queue's depth; the queue gauges keep their last values")]
    public static partial void QueueReadFailed(ILogger logger, Exception exception);
}
