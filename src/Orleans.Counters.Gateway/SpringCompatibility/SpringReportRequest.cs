namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>The body of <c>POST /event_report</c>, for the OpenAPI document (the endpoint reads it with <see cref="SpringRequestBody"/>).</summary>
public sealed class SpringReportRequest
{
    /// <summary>The page.</summary>
    public required string Url { get; init; }

    /// <summary>The UTC day, <c>YYYY-MM-DD</c>.</summary>
    public required string Date { get; init; }

    /// <summary>One event type; every type when absent.</summary>
    public string? Type { get; init; }
}
