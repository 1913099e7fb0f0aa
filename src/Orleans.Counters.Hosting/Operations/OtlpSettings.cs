namespace Orleans.Counters.Hosting.Operations;

/// <summary>
/// Where metrics and traces are pushed over OTLP. Section <c>Counters:Telemetry:Otlp</c>; off unless
/// <see cref="Endpoint"/> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter then reads
/// the other standard <c>OTEL_EXPORTER_OTLP_*</c> variables itself). Prometheus' <c>/metrics</c> stays on either way.
/// </summary>
public sealed class OtlpSettings : ICountersOptions<OtlpSettings>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters:Telemetry:Otlp";

    /// <summary>The standard variable that turns the export on without this section.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>OTLP over HTTP with protobuf bodies, to <c>ENDPOINT/v1/traces</c> and <c>ENDPOINT/v1/metrics</c> (port 4318 by convention).</summary>
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>OTLP over gRPC (port 4317 by convention).</summary>
    public const string Grpc = "grpc";

    /// <summary>The collector's base address, such as <c>http://otel-collector:4318</c>; unset, the standard variable decides.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><see cref="HttpProtobuf"/> (the default) or <see cref="Grpc"/>.</summary>
    public string Protocol { get; set; } = HttpProtobuf;

    /// <summary>How often spans and metrics are sent (the batch span processor's delay, the metric reader's interval).</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>True when metrics and traces are exported: this section or the standard variable names an endpoint.</summary>
    public bool IsEnabled(IConfiguration configuration) =>
        Endpoint is not null || !string.IsNullOrWhiteSpace(configuration[EndpointVariable]);

    static string ICountersOptions<OtlpSettings>.Section => Section;

    static IValidateOptions<OtlpSettings>? ICountersOptions<OtlpSettings>.CreateValidator(string sectionPath) => new OtlpSettingsValidator();
}
