namespace Orleans.Counters.Grains;

/// <summary>An account's settings: its time zone and the web origins its pages send events from. Key: the account.</summary>
public interface IAccountSettingsGrain : IGrainWithStringKey
{
    /// <summary>
    /// The account's IANA time zone; null for UTC, the default. Interleaves: the ingest grain asks for
    /// it on activation, which may be while this grain waits on it to take a new zone.
    /// </summary>
    [AlwaysInterleave]
    Task<string?> GetTimeZoneAsync();

    /// <summary>
    /// Sets the account's time zone (a name normalised by <see cref="Periods.TimeZones.TryNormalize"/>; null for UTC).
    /// Refused once the account has counted an event in another zone: counts kept in one zone's hours
    /// cannot be split into another's.
    /// </summary>
    Task<TimeZoneChange> SetTimeZoneAsync(string? zone);

    /// <summary>
    /// The origins (<c>scheme://host[:port]</c>, normalised) whose pages may send the account's events
    /// from a browser without a key; empty by default. Interleaves: gateways ask for it on preflights.
    /// </summary>
    [AlwaysInterleave]
    Task<ImmutableArray<string>> GetAllowedOriginsAsync();

    /// <summary>Replaces the account's allowed origins (already validated and normalised); empty allows none.</summary>
    Task SetAllowedOriginsAsync(ImmutableArray<string> origins);
}
