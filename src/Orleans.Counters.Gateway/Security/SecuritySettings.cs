namespace Orleans.Counters.Gateway.Security;

/// <summary>Who may do what. Section <c>Counters:Security</c>.</summary>
public sealed class SecuritySettings : ICountersOptions<SecuritySettings>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Security";

    /// <summary>The shortest admin key accepted: a guessable one would open every account.</summary>
    public const int MinAdminKeyLength = 32;

    /// <summary>
    /// The admin key: creates accounts and keys, reads <c>all</c>, opens the Orleans dashboard.
    /// Unset (the default), the gateway runs open: no key is asked for and anyone who reaches it
    /// may send and read every account's events.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// How long a gateway trusts what it read of a key. A revocation made through another gateway,
    /// or in the table directly, takes at most this long to reach this one.
    /// </summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when keys are asked for.</summary>
    public bool RequiresKeys => !string.IsNullOrEmpty(AdminKey);

    static string ICountersOptions<SecuritySettings>.Section => Section;

    static IValidateOptions<SecuritySettings>? ICountersOptions<SecuritySettings>.CreateValidator(string sectionPath) => new SecuritySettingsValidator();
}
