namespace Orleans.Counters.Client;

/// <summary>Refuses the durable events queue without PostgreSQL storage, and a window that is not positive.</summary>
public sealed class CountersRootSettingsValidator : IValidateOptions<CountersRootSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CountersRootSettings options)
    {
        if (options.Streams == StorageMode.PostgreSql && options.Storage != StorageMode.PostgreSql)
        {
            return ValidateOptionsResult.Fail(
                $"{CountersRootSettings.StreamsKey} is {StorageMode.PostgreSql}: set {CountersRootSettings.StorageKey} to {StorageMode.PostgreSql} too.");
        }

        return ValidateOptionsResult.Success;
    }
}
