namespace Orleans.Counters.Ship.Sending;

/// <summary>How the gateway answered a batch, with what it said.</summary>
/// <param name="Kind">What to do with the batch.</param>
/// <param name="Detail">The status and problem body, or the network error, for messages.</param>
/// <param name="RetryAfter">How long the gateway asked to wait (<c>Retry-After</c>), if it did.</param>
public readonly record struct DeliveryOutcome(DeliveryKind Kind, string Detail, TimeSpan? RetryAfter = null);
