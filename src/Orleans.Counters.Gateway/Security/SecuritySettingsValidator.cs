namespace Orleans.Counters.Gateway.Security;

/// <summary>Refuses an admin key shorter than <see cref="SecuritySettings.MinAdminKeyLength"/>: a guessable one would open every account.</summary>
public sealed class SecuritySettingsValidator : IValidateOptions<SecuritySettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SecuritySettings options) =>
        options.RequiresKeys && options.AdminKey!.Length < SecuritySettings.MinAdminKeyLength
            ? ValidateOptionsResult.Fail(
                $"{SecuritySettings.Section}:AdminKey must be at least {SecuritySettings.MinAdminKeyLength} characters; `openssl rand -base64 32` makes one.")
            : ValidateOptionsResult.Success;
}
