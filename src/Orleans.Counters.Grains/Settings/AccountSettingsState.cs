namespace Orleans.Counters.Grains.Settings;

/// <summary>An account's settings as stored.</summary>
[GenerateSerializer, Alias("counters.account-settings-state")]
public sealed class AccountSettingsState
{
    /// <summary>The account's IANA time zone; null for UTC.</summary>
    [Id(0)] public string? TimeZone { get; set; }
}
