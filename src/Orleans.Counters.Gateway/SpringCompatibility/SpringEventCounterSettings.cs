namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>
/// How the Spring event-counter service's endpoints map onto our counters. Section
/// <c>Counters:SpringEventCounter</c>; the older <c>Counters:Seed001</c> is still read when it is absent.
/// </summary>
public sealed class SpringEventCounterSettings : ICountersOptions<SpringEventCounterSettings>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:SpringEventCounter";

    /// <summary>
    /// The section's first name, which deployments may still set: read when <see cref="Section"/> is
    /// absent, so that renaming it broke no configuration.
    /// </summary>
    public const string LegacySection = "Counters:Seed001";

    /// <summary>
    /// The account every request to those endpoints counts in and reads from: the Spring service had no accounts.
    /// Default <c>default</c>.
    /// </summary>
    public string Account { get; set; } = "default";

    /// <summary>
    /// The first year <c>/event_track/</c> adds up: its all-time count is every year from this one
    /// to the current one. Default 2020.
    /// </summary>
    public int FirstYear { get; set; } = 2020;

    /// <summary>True when the settings come from <see cref="LegacySection"/>: <see cref="Section"/> is absent and it is not.</summary>
    public static bool ComeFromLegacySection(IConfiguration configuration) =>
        !configuration.GetSection(Section).Exists() && configuration.GetSection(LegacySection).Exists();

    static string ICountersOptions<SpringEventCounterSettings>.Section => Section;

    /// <summary>The legacy section when <see cref="ComeFromLegacySection"/>, else <see cref="Section"/>.</summary>
    static IConfigurationSection ICountersOptions<SpringEventCounterSettings>.Find(IConfiguration configuration) =>
        configuration.GetSection(ComeFromLegacySection(configuration) ? LegacySection : Section);

    static IValidateOptions<SpringEventCounterSettings>? ICountersOptions<SpringEventCounterSettings>.CreateValidator(string sectionPath) =>
        new SpringEventCounterSettingsValidator(sectionPath);
}
