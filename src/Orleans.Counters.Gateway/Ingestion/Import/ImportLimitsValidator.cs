namespace Orleans.Counters.Gateway.Ingestion.Import;

/// <summary>Refuses import limits that would refuse every request, naming the key.</summary>
public sealed class ImportLimitsValidator(string sectionPath) : IValidateOptions<ImportLimits>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ImportLimits options)
    {
        var failures = new List<string>();
        if (options.MaxBodyBytes < 1024)
        {
            failures.Add($"{sectionPath}:{nameof(ImportLimits.MaxBodyBytes)} must be at least 1024.");
        }

        if (options.MaxEventsPerRequest < 1)
        {
            failures.Add($"{sectionPath}:{nameof(ImportLimits.MaxEventsPerRequest)} must be at least 1.");
        }

        if (options.Earliest.Year < 1970)
        {
            failures.Add($"{sectionPath}:{nameof(ImportLimits.Earliest)} must be 1970-01-01 or later.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
