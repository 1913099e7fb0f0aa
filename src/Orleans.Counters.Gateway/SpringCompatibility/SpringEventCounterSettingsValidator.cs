using Orleans.Counters.Gateway.Stats;

namespace Orleans.Counters.Gateway.SpringCompatibility;

/// <summary>
/// Refuses an account that is no valid name (or is <c>all</c>) and a first year out of range, naming the
/// keys under <paramref name="sectionPath"/>: the section actually read, current or legacy.
/// </summary>
/// <param name="sectionPath">Where the settings were read from.</param>
public sealed class SpringEventCounterSettingsValidator(string sectionPath) : IValidateOptions<SpringEventCounterSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SpringEventCounterSettings options)
    {
        if (!EventValidator.IsValidName(options.Account) || options.Account == SeriesKey.AllAccounts)
        {
            return ValidateOptionsResult.Fail(
                $"{sectionPath}:Account '{options.Account}' must be 1–{EventLimits.MaxNameLength} characters of A–Z, a–z, 0–9, '.', '_' or '-', and not '{SeriesKey.AllAccounts}'.");
        }

        if (options.FirstYear is < StatsQuery.MinYear or > StatsQuery.MaxYear)
        {
            return ValidateOptionsResult.Fail($"{sectionPath}:FirstYear {options.FirstYear} must lie in {StatsQuery.MinYear}–{StatsQuery.MaxYear}.");
        }

        return ValidateOptionsResult.Success;
    }
}
