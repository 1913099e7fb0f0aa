namespace Orleans.Counters.Hosting.Operations;

/// <summary>Refuses a port outside 0–65535.</summary>
public sealed class SiloHttpSettingsValidator : IValidateOptions<SiloHttpSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SiloHttpSettings options) =>
        options.HttpPort is < 0 or > 65535
            ? ValidateOptionsResult.Fail($"{SiloHttpSettings.Section}:{nameof(SiloHttpSettings.HttpPort)} is {options.HttpPort}: give a TCP port, or 0 for any free one.")
            : ValidateOptionsResult.Success;
}
