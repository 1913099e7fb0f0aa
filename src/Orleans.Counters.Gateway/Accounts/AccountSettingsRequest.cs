namespace Orleans.Counters.Gateway.Accounts;

/// <summary>
/// The body of <c>PUT /api/accounts/{account}/settings</c>, for the OpenAPI document (the endpoint reads it
/// with <see cref="SmallJsonBody"/>): at least one field; an absent one is left as it was.
/// </summary>
public sealed class AccountSettingsRequest
{
    /// <summary>An IANA time zone name such as Europe/Paris, or UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The web origins whose pages may send events without a key; [] allows none.</summary>
    public List<string>? AllowedOrigins { get; init; }

    /// <summary>The site domains whose Plausible events count in this account; [] lists none.</summary>
    public List<string>? Domains { get; init; }
}
