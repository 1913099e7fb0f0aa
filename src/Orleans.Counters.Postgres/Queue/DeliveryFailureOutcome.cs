namespace Orleans.Counters.Postgres.Queue;

/// <summary>What became of a message whose delivery failed (<see cref="PostgresEventQueue.RecordFailedDeliveryAsync"/>).</summary>
public enum DeliveryFailureOutcome
{
    /// <summary>The failure is counted; the message stays in the queue and is delivered again.</summary>
    Counted,

    /// <summary>The message is among the dead letters: the consumer goes on without it.</summary>
    DeadLettered,

    /// <summary>The message is in neither table: it was acknowledged already.</summary>
    Acknowledged,
}
