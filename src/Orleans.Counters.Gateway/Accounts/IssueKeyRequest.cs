namespace Orleans.Counters.Gateway.Accounts;

/// <summary>The body of <c>POST /api/accounts/{account}/keys</c>, for the OpenAPI document (the endpoint reads it with <see cref="SmallJsonBody"/>).</summary>
public sealed class IssueKeyRequest
{
    /// <summary><c>ingest</c> or <c>read</c>.</summary>
    public required string Kind { get; init; }
}
