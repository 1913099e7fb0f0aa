namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>
/// One event as <c>POST /api/events</c> takes it, for the OpenAPI document: the endpoint reads its body
/// itself (<see cref="EventJsonParser"/>), so that each refused field is named with its event's index.
/// </summary>
public sealed class EventRequest
{
    /// <summary>The account; an ingest key's own account, or a page's <c>?account=</c>, when absent.</summary>
    public string? Account { get; init; }

    /// <summary>The event type: 1–64 characters of A–Z, a–z, 0–9, '.', '_' or '-'.</summary>
    public required string Type { get; init; }

    /// <summary>The page or resource; its query string is dropped, its UTM parameters kept as properties.</summary>
    public string? Url { get; init; }

    /// <summary>When it happened (ISO-8601); when received, if absent.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>A number summed per period (an order's amount).</summary>
    public double? Value { get; init; }

    /// <summary>The event's own id: an id seen within the idempotency window is not counted again, so resending is safe.</summary>
    public string? Id { get; init; }

    /// <summary>Who sent it, for unique counts; hashed, never stored as sent.</summary>
    public string? UserId { get; init; }

    /// <summary>The sender's user agent, for bot detection; a browser's own when absent.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Named properties, as text (<c>referrer</c> among them).</summary>
    public Dictionary<string, string>? Properties { get; init; }
}
