using Orleans.Counters.Gateway.Stats;

namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>How the Spring event-counter service's endpoints map onto our counters. Section <c>Counters:Seed001</c>.</summary>
public sealed class SpringEventCounterSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Seed001";

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

    /// <summary>Reads the section; throws at start-up rather than refuse every request later.</summary>
    public static SpringEventCounterSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<SpringEventCounterSettings>() ?? new SpringEventCounterSettings();
        if (!EventValidator.IsValidName(settings.Account) || settings.Account == SeriesKey.AllAccounts)
        {
            throw new InvalidOperationException(
                $"{Section}:Account '{settings.Account}' must be 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-', and not '{SeriesKey.AllAccounts}'.");
        }

        if (settings.FirstYear is < StatsQuery.MinYear or > StatsQuery.MaxYear)
        {
            throw new InvalidOperationException($"{Section}:FirstYear {settings.FirstYear} must lie in {StatsQuery.MinYear}–{StatsQuery.MaxYear}.");
        }

        return settings;
    }
}
