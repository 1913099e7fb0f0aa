namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>The body of <c>POST /event_track</c>, for the OpenAPI document (the endpoint reads it with <see cref="SpringRequestBody"/>).</summary>
public sealed class SpringTrackRequest
{
    /// <summary>The page.</summary>
    public required string Url { get; init; }

    /// <summary>The event type.</summary>
    public required string Type { get; init; }
}
