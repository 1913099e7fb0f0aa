namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// Logs a message Orleans gave up delivering. Nothing more is needed: the row is not acknowledged,
/// so it is delivered again after its lease and dead-lettered after its last delivery.
/// </summary>
internal sealed partial class PostgresStreamFailureHandler(ILogger<PostgresStreamFailureHandler> logger) : IStreamFailureHandler
{
    // Faulting would only end explicit subscriptions; implicit ones (ours) go on either way.
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogDeliveryFailure(streamProviderName, streamIdentity, sequenceToken, subscriptionId);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailure(streamProviderName, streamIdentity, sequenceToken, subscriptionId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: delivering {Token} of stream {Stream} to subscription {Subscription} failed; the message is delivered again when its lease expires")]
    private partial void LogDeliveryFailure(string provider, StreamId stream, StreamSequenceToken? token, GuidId subscription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream provider {Provider}: subscription {Subscription} to stream {Stream} failed at {Token}")]
    private partial void LogSubscriptionFailure(string provider, StreamId stream, StreamSequenceToken? token, GuidId subscription);
}
