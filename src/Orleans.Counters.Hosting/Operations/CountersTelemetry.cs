using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Orleans.Counters.Hosting.Operations;

/// <summary>
/// Pushes metrics and traces over OTLP when <see cref="OtlpSettings"/> says where. Traces follow an event:
/// the gateway's request (ASP.NET Core's spans), the message on the stream (which carries the request's
/// trace context), the ingest grain (<see cref="CountersActivitySource"/>) and the hour grains (Orleans'
/// grain-call spans, with its activity propagation on). Without an endpoint none of it is registered.
/// </summary>
public static class CountersTelemetry
{
    /// <summary>The span sources exported: ASP.NET Core's requests, Orleans' grain calls and runtime, and ours.</summary>
    public static readonly string[] Sources =
        ["Microsoft.AspNetCore", "Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime", CountersActivitySource.Name];

    /// <summary>Registers the OTLP exporters of metrics (the meters <see cref="CountersMetrics"/> names) and traces, when configured.</summary>
    public static IServiceCollection AddCountersTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = configuration.GetCountersOptions<OtlpSettings>();
        if (!otlp.IsEnabled(configuration))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(Sources)
                .AddOtlpExporter(exporter => Configure(exporter, otlp, "v1/traces")))
            .WithMetrics(metrics => metrics
                .AddMeter(CountersMetrics.Meters)
                .AddOtlpExporter((exporter, reader) =>
                {
                    Configure(exporter, otlp, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)otlp.ExportInterval.TotalMilliseconds;
                }));
        return services;
    }

    /// <summary>Carries trace contexts on the silo's grain calls, when OTLP is configured.</summary>
    public static ISiloBuilder AddCountersTracing(this ISiloBuilder silo, IConfiguration configuration) =>
        configuration.GetCountersOptions<OtlpSettings>().IsEnabled(configuration) ? silo.AddActivityPropagation() : silo;

    /// <summary>Carries trace contexts on a cluster client's grain calls, when OTLP is configured.</summary>
    public static IClientBuilder AddCountersTracing(this IClientBuilder client, IConfiguration configuration) =>
        configuration.GetCountersOptions<OtlpSettings>().IsEnabled(configuration) ? client.AddActivityPropagation() : client;

    // With only OTEL_EXPORTER_OTLP_* set, the exporter reads them itself; the section's endpoint is a base address.
    private static void Configure(OtlpExporterOptions exporter, OtlpSettings otlp, string signalPath)
    {
        exporter.BatchExportProcessorOptions.ScheduledDelayMilliseconds = (int)otlp.ExportInterval.TotalMilliseconds;
        if (otlp.Endpoint is not { } endpoint)
        {
            return;
        }

        var http = otlp.Protocol == OtlpSettings.HttpProtobuf;
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        // Over HTTP, an endpoint set in code is the signal's whole address.
        exporter.Endpoint = http ? new Uri(new Uri(endpoint.ToString().TrimEnd('/') + "/"), signalPath) : endpoint;
    }
}
