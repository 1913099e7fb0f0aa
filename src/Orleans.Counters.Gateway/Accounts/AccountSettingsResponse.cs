namespace Orleans.Counters.Gateway.Accounts;

/// <summary>An account's settings.</summary>
/// <param name="Account">The account.</param>
/// <param name="TimeZone">Its time zone: <c>UTC</c> or an IANA name.</param>
/// <param name="AllowedOrigins">The origins whose pages may send its events from a browser (CORS, and no key needed); empty by default.</param>
/// <param name="Domains">The site domains whose events Plausible's Events API (<c>POST /api/event</c>) counts for it; empty by default.</param>
public sealed record AccountSettingsResponse(string Account, string TimeZone, IReadOnlyList<string> AllowedOrigins, IReadOnlyList<string> Domains);
