namespace Orleans.Counters.Gateway.Accounts;

/// <summary>The accounts the cluster knows, sorted by name.</summary>
/// <param name="Accounts">Each account.</param>
public sealed record AccountListResponse(IReadOnlyList<AccountSummary> Accounts);

/// <summary>One account, as <c>GET /api/accounts</c> lists it.</summary>
/// <param name="Account">The account.</param>
/// <param name="Types">The event types it counts, sorted.</param>
/// <param name="FirstEvent">The start of the minute of its earliest counted event (UTC); null before its first.</param>
/// <param name="LastEvent">The start of the minute of its latest counted event (UTC); null before its first.</param>
/// <param name="TimeZone">Its time zone: <c>UTC</c> or an IANA name.</param>
public sealed record AccountSummary(string Account, IReadOnlyList<string> Types, DateTime? FirstEvent, DateTime? LastEvent, string TimeZone);
