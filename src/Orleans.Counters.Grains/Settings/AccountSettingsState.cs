using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Settings;

/// <summary>An account's settings as stored.</summary>
[GenerateSerializer, Alias("counters.account-settings-state")]
public sealed class AccountSettingsState
{
    /// <summary>The IANA time zone the account's reads use (the former one while a change is rebuilt); null for UTC.</summary>
    [Id(0)] public string? TimeZone { get; set; }

    /// <summary>
    /// The origins whose pages may send the account's events without a key; null when never set
    /// (settings stored before the field existed read as null, which allows none).
    /// </summary>
    [Id(1)] public string[]? AllowedOrigins { get; set; }

    /// <summary>The zone of the account's messages by publish time; null until the zone changed after the first event (then <see cref="TimeZone"/> alone).</summary>
    [Id(2)] public ZoneHistory? History { get; set; }

    /// <summary>The zone a rebuild is moving the counts to; null when none runs.</summary>
    [Id(3)] public ZoneTarget? RebuildingTo { get; set; }

    /// <summary>See <see cref="AccountZone.UniquesApproximateBefore"/>.</summary>
    [Id(4)] public DateTime? UniquesApproximateBefore { get; set; }

    /// <summary>The account's zones as the ingest grain and the readers see them.</summary>
    public AccountZone Zone => new(History ?? ZoneHistory.Of(TimeZone), TimeZone, RebuildingTo, UniquesApproximateBefore);
}
