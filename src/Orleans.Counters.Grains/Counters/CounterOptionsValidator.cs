namespace Orleans.Counters.Grains.Counters;

/// <summary>Refuses series and type caps below one: a counter that could keep nothing would count everything as <c>(other)</c>.</summary>
public sealed class CounterOptionsValidator : IValidateOptions<CounterOptions>
{
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
