namespace Orleans.Counters.Events;

/// <summary>An event as a client sent it, not yet validated. Every field may be missing or wrong.</summary>
public sealed record EventInput
{
    /// <summary>The tenant account; required.</summary>
    public string? Account { get; init; }

    /// <summary>The event type; required.</summary>
    public string? Type { get; init; }

    /// <summary>A path or an absolute http(s) URL; the query string and fragment are dropped.</summary>
    public string? Url { get; init; }

    /// <summary>The user the event came from.</summary>
    public string? UserId { get; init; }

    /// <summary>When the event happened; the time it was received when absent.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The user agent of the browser or program the event came from; crawlers' events count as bots.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The client's idempotency key.</summary>
    public string? Id { get; init; }

    /// <summary>A number to be summed.</summary>
    public double? Value { get; init; }

    /// <summary>Free-form string properties.</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
