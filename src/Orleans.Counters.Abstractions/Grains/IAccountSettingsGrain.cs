namespace Orleans.Counters.Grains;

/// <summary>An account's settings: its time zone and the web origins its pages send events from. Key: the account.</summary>
public interface IAccountSettingsGrain : IGrainWithStringKey
{
    /// <summary>
    /// The IANA time zone the account's reads use; null for UTC, the default. While a change of zone is
    /// rebuilt, the former zone. Interleaves: the ingest grain asks on activation, which may be while this
    /// grain waits on it to take a new zone.
    /// </summary>
    [AlwaysInterleave]
    Task<string?> GetTimeZoneAsync();

    /// <summary>The account's zones: the one reads use, the one each message is counted in, a rebuild under way. Interleaves, as above.</summary>
    [AlwaysInterleave]
    Task<Zones.AccountZone> GetZoneAsync();

    /// <summary>
    /// Sets the account's time zone (a name normalised by <see cref="Periods.TimeZones.TryNormalize"/>; null for UTC).
    /// Before the account's first event it is set at once. After, messages published from now on are counted in
    /// the new zone, and a rebuild moves what was counted before into it (<see cref="Zones.IZoneRebuildGrain"/>);
    /// reads switch when it is done. Refused while a rebuild runs.
    /// </summary>
    Task<TimeZoneChange> SetTimeZoneAsync(string? zone);

    /// <summary>Switches reads to the zone the rebuild moved the counts to: the rebuild is done.</summary>
    Task FinishRebuildAsync(Zones.ZoneTarget to);

    /// <summary>
    /// The origins (<c>scheme://host[:port]</c>, normalised) whose pages may send the account's events
    /// from a browser without a key; empty by default. Interleaves: gateways ask for it on preflights.
    /// </summary>
    [AlwaysInterleave]
    Task<ImmutableArray<string>> GetAllowedOriginsAsync();

    /// <summary>Replaces the account's allowed origins (already validated and normalised); empty allows none.</summary>
    Task SetAllowedOriginsAsync(ImmutableArray<string> origins);
}
