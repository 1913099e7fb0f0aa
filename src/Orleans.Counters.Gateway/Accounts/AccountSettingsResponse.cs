namespace Orleans.Counters.Gateway.Accounts;

/// <summary>An account's settings.</summary>
/// <param name="Account">The account.</param>
/// <param name="TimeZone">Its time zone: <c>UTC</c> or an IANA name. Events count in it; reads too, once a change to it is rebuilt.</param>
/// <param name="AllowedOrigins">The origins whose pages may send its events from a browser (CORS, and no key needed); empty by default.</param>
/// <param name="Domains">The site domains whose events Plausible's Events API (<c>POST /api/event</c>) counts for it; empty by default.</param>
public sealed record AccountSettingsResponse(string Account, string TimeZone, IReadOnlyList<string> AllowedOrigins, IReadOnlyList<string> Domains)
{
    /// <summary>True while a change of time zone is rebuilt: reads answer from the former zone until it is done.</summary>
    public bool Rebuilding { get; init; }

    /// <summary>The last change of time zone made after the account's first event, and how far its rebuild came; null when none was.</summary>
    public ZoneRebuildResponse? Rebuild { get; init; }
}

/// <summary>A rebuild of an account's counted past into a new time zone.</summary>
/// <param name="From">The former zone.</param>
/// <param name="To">The new zone.</param>
/// <param name="Phase"><c>finding</c>, <c>moving</c>, <c>settling</c> or <c>done</c>.</param>
/// <param name="HoursMoved">The former zone's hour groups (an account shard's hour) moved so far.</param>
/// <param name="HoursFound">The former zone's hour groups with counts; 0 while they are being found.</param>
/// <param name="StartedAt">When the change was made.</param>
/// <param name="FinishedAt">When reads switched to the new zone; null until then.</param>
public sealed record ZoneRebuildResponse(string From, string To, string Phase, int HoursMoved, int HoursFound, DateTime StartedAt, DateTime? FinishedAt);
