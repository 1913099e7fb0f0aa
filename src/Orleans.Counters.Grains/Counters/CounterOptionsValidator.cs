namespace Orleans.Counters.Grains.Counters;

/// <summary>Refuses series and type caps below one, and a cap on property names outside 0–1,000: a counter that could keep nothing would count everything as <c>(other)</c>.</summary>
public sealed class CounterOptionsValidator : IValidateOptions<CounterOptions>
{
    // Every tracked property of an event is a series increment more: a thousand is far past any use.
    private const int MaxPropertyNames = 1_000;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CounterOptions options)
    {
        List<string> failures = [];
        if (options.MaxUrlsPerHour < 1 || options.MaxReferrersPerHour < 1 || options.MaxTypes < 1)
        {
            failures.Add($"{CounterOptions.Section}:{nameof(CounterOptions.MaxUrlsPerHour)}, {nameof(CounterOptions.MaxReferrersPerHour)} and {nameof(CounterOptions.MaxTypes)} must be at least 1.");
        }

        if (options.MaxUrlsPerYear < 1 || options.MaxReferrersPerYear < 1)
        {
            failures.Add($"{CounterOptions.Section}:{nameof(CounterOptions.MaxUrlsPerYear)} and {nameof(CounterOptions.MaxReferrersPerYear)} must be at least 1.");
        }

        if (options.MaxPropertyValuesPerHour < 1 || options.MaxPropertyValuesPerYear < 1)
        {
            failures.Add($"{CounterOptions.Section}:{nameof(CounterOptions.MaxPropertyValuesPerHour)} and {nameof(CounterOptions.MaxPropertyValuesPerYear)} must be at least 1.");
        }

        if (options.MaxPropertyNames is < 0 or > MaxPropertyNames)
        {
            failures.Add($"{CounterOptions.Section}:{nameof(CounterOptions.MaxPropertyNames)} must be from 0 (no breakdown) to {MaxPropertyNames}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
