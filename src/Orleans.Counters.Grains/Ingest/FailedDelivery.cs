namespace Orleans.Counters.Grains.Ingest;

/// <summary>What the durable queue made of a message the ingest grain failed to apply.</summary>
public enum FailedDelivery
{
    /// <summary>Counted: the message stays in the queue and the delivery fails, to be retried.</summary>
    Retry,

    /// <summary>It failed too often and is a dead letter now, with its stream's later messages: go on without it.</summary>
    DeadLettered,

    /// <summary>It was acknowledged already: nothing is left to apply.</summary>
    Acknowledged,
}
