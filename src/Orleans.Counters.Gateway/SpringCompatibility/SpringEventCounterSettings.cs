using Orleans.Counters.Gateway.Stats;

namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>
/// How the Spring event-counter service's endpoints map onto our counters. Section
/// <c>Counters:SpringEventCounter</c>; the older <c>Counters:Seed001</c> is still read when it is absent.
/// </summary>
public sealed class SpringEventCounterSettings
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

    /// <summary>Reads the section (or the legacy one); throws at start-up rather than refuse every request later.</summary>
    public static SpringEventCounterSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(ComeFromLegacySection(configuration) ? LegacySection : Section);
        var settings = section.Get<SpringEventCounterSettings>() ?? new SpringEventCounterSettings();
        if (!EventValidator.IsValidName(settings.Account) || settings.Account == SeriesKey.AllAccounts)
        {
            throw new InvalidOperationException(
                $"{section.Path}:Account '{settings.Account}' must be 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-', and not '{SeriesKey.AllAccounts}'.");
        }

        if (settings.FirstYear is < StatsQuery.MinYear or > StatsQuery.MaxYear)
        {
            throw new InvalidOperationException($"{section.Path}:FirstYear {settings.FirstYear} must lie in {StatsQuery.MinYear}–{StatsQuery.MaxYear}.");
        }

        return settings;
    }
}
