namespace Orleans.Counters.Gateway.Security;

/// <summary>Who may do what. Section <c>Counters:Security</c>.</summary>
public sealed class SecuritySettings
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

    /// <summary>Reads the section; refuses an admin key too short to be safe.</summary>
    /// <exception cref="InvalidOperationException">The admin key is shorter than <see cref="MinAdminKeyLength"/>.</exception>
    public static SecuritySettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<SecuritySettings>() ?? new SecuritySettings();
        if (settings.RequiresKeys && settings.AdminKey!.Length < MinAdminKeyLength)
        {
            throw new InvalidOperationException(
                $"{Section}:AdminKey must be at least {MinAdminKeyLength} characters; `openssl rand -base64 32` makes one.");
        }

        return settings;
    }
}
