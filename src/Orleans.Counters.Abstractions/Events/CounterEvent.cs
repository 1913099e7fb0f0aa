namespace Orleans.Counters.Events;

/// <summary>A validated event, ready to be counted. Build one with <see cref="EventValidator"/>.</summary>
[GenerateSerializer, Immutable, Alias("counters.event")]
public sealed record CounterEvent
{
    /// <summary>The tenant account the event belongs to.</summary>
    [Id(0)] public required string Account { get; init; }

    /// <summary>The event type: pageview, order, click…</summary>
    [Id(1)] public required string Type { get; init; }

    /// <summary>The normalised URL path, without query string or fragment; null when the event has none.</summary>
    [Id(2)] public string? Url { get; init; }

    /// <summary>When the event happened, UTC.</summary>
    [Id(3)] public required DateTime Timestamp { get; init; }

    /// <summary>The user the event came from, if known.</summary>
    [Id(4)] public string? UserId { get; init; }

    /// <summary>The client's idempotency key, if any.</summary>
    [Id(5)] public string? Id { get; init; }

    /// <summary>A number to be summed, such as an order amount.</summary>
    [Id(6)] public double? Value { get; init; }

    /// <summary>Free-form string properties such as the referrer.</summary>
    [Id(7)] public ImmutableDictionary<string, string>? Properties { get; init; }

    /// <summary>The user agent of the browser or program the event came from, if known; crawlers' events count as bots.</summary>
    [Id(8)] public string? UserAgent { get; init; }

    /// <summary>The referrer, from the <c>referrer</c> property; null when absent.</summary>
    public string? Referrer => Properties is { } properties && properties.TryGetValue(ReferrerProperty, out var referrer) ? referrer : null;

    /// <summary>The property that names the page the user came from.</summary>
    public const string ReferrerProperty = "referrer";
}
