using Orleans.Counters.Gateway.Stats;

namespace Orleans.Counters.Gateway.Seed001;

/// <summary>How seed 001's endpoints map onto our counters. Section <c>Counters:Seed001</c>.</summary>
public sealed class Seed001Settings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Seed001";

    /// <summary>
    /// The account every seed 001 request counts in and reads from: the seed had no accounts.
    /// Default <c>default</c>.
    /// </summary>
    public string Account { get; set; } = "default";

    /// <summary>
    /// The first year <c>/event_track/</c> adds up: its all-time count is every year from this one
    /// to the current one. Default 2020.
    /// </summary>
    public int FirstYear { get; set; } = 2020;

    /// <summary>Reads the section; throws at start-up rather than refuse every request later.</summary>
    public static Seed001Settings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<Seed001Settings>() ?? new Seed001Settings();
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
