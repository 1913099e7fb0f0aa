namespace Orleans.Counters.Grains.Settings;

/// <summary>An account's settings as stored.</summary>
[GenerateSerializer, Alias("counters.account-settings-state")]
public sealed class AccountSettingsState
{
    /// <summary>The account's IANA time zone; null for UTC.</summary>
    [Id(0)] public string? TimeZone { get; set; }

    /// <summary>
    /// The origins whose pages may send the account's events without a key; null when never set
    /// (settings stored before the field existed read as null, which allows none).
    /// </summary>
    [Id(1)] public string[]? AllowedOrigins { get; set; }
}
