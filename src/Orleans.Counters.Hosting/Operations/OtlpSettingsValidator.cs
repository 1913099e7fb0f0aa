namespace Orleans.Counters.Hosting.Operations;

/// <summary>Refuses an OTLP endpoint that is not an absolute http(s) address, an unknown protocol, or an export interval under 100 ms.</summary>
public sealed class OtlpSettingsValidator : IValidateOptions<OtlpSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OtlpSettings options)
    {
        var failures = new List<string>();
        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            failures.Add($"{OtlpSettings.Section}:Endpoint must be an absolute http or https address such as http://otel-collector:4318, not '{endpoint}'.");
        }

        if (options.Protocol is not (OtlpSettings.HttpProtobuf or OtlpSettings.Grpc))
        {
            failures.Add($"{OtlpSettings.Section}:Protocol must be '{OtlpSettings.HttpProtobuf}' or '{OtlpSettings.Grpc}', not '{options.Protocol}'.");
        }

        if (options.ExportInterval < TimeSpan.FromMilliseconds(100))
        {
            failures.Add($"{OtlpSettings.Section}:ExportInterval must be at least 00:00:00.1, not {options.ExportInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
