namespace Orleans.Counters.Grains;

/// <summary>An account's settings: its time zone. Key: the account.</summary>
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
}
