namespace Orleans.Counters.Ship.Sending;

/// <summary>How the gateway answered a batch.</summary>
public enum DeliveryKind
{
    /// <summary>Accepted (2xx): the events are counted.</summary>
    Delivered,

    /// <summary>Refused (400): the gateway will never take these events; they are dropped.</summary>
    Rejected,

    /// <summary>Too large (413): the gateway's limits are lower than ours; the batch is sent in halves.</summary>
    TooLarge,

    /// <summary>Not allowed (401, 403): the key is missing, wrong or not this account's; the tool stops.</summary>
    KeyRefused,

    /// <summary>Not now (network error, timeout, 429, 5xx, …): the batch is sent again later.</summary>
    Retry,
}
