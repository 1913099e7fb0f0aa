namespace Orleans.Counters.Gateway.Accounts;

/// <summary>An account's settings.</summary>
/// <param name="Account">The account.</param>
/// <param name="TimeZone">Its time zone: <c>UTC</c> or an IANA name.</param>
public sealed record AccountSettingsResponse(string Account, string TimeZone);
