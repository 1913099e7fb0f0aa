namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>The body of <c>PUT /event_generate</c>, for the OpenAPI document (the endpoint reads it with <see cref="SpringRequestBody"/>).</summary>
public sealed class SpringGenerateRequest
{
    /// <summary>The event type.</summary>
    public required string Type { get; init; }

    /// <summary>The visitor's address, counted as the user for uniques.</summary>
    public string? Ip { get; init; }

    /// <summary>The page.</summary>
    public string? Url { get; init; }

    /// <summary>When it happened, as Java writes it (<c>2021-12-03T19:47:19.879263</c>); UTC without an offset; now when absent.</summary>
    public string? Datetime { get; init; }
}
