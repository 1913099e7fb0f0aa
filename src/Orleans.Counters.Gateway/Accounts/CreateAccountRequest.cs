namespace Orleans.Counters.Gateway.Accounts;

/// <summary>The body of <c>POST /api/accounts</c>, for the OpenAPI document (the endpoint reads it with <see cref="SmallJsonBody"/>).</summary>
public sealed class CreateAccountRequest
{
    /// <summary>The new account's name: 1–64 characters of A–Z, a–z, 0–9, '.', '_' or '-'.</summary>
    public required string Account { get; init; }
}
