namespace Orleans.Counters.Gateway.Cluster;

/// <summary>The connection to the silos' messages: event ids 2100–2199 (see <see cref="Gateway.Log"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Connected to the cluster: the API serves")]
    public static partial void Connected(ILogger logger);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Stopped before any silo answered ({Exception})")]
    public static partial void StoppedBeforeConnecting(ILogger logger, string exception);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Critical, Message = "The cluster client failed to start; the gateway stops")]
    public static partial void ClientFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "No silo reached yet (try {Attempt}: {Exception}: {Message}); the API answers 503 meanwhile; trying again in {Seconds} s")]
    public static partial void Retrying(ILogger logger, int attempt, string exception, string message, double seconds);
}
