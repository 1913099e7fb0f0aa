using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry.Metrics;

namespace Orleans.Counters.Hosting.Operations;

/// <summary>
/// <c>/metrics</c> in Prometheus' text format: our meter <see cref="MeterName"/>, Orleans'
/// (<c>Microsoft.Orleans</c>) and ASP.NET Core's. Served by the gateway and by the silo process alike.
/// </summary>
public static class CountersMetrics
{
    /// <summary>Our meter's name, shared by the gateway's and the grains' instruments.</summary>
    public const string MeterName = CountersMeter.Name;

    /// <summary>Orleans' meter: grain activations, messaging, storage, streams.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>The meters exported: ours, Orleans', ASP.NET Core's and Kestrel's.</summary>
    public static readonly string[] Meters = [MeterName, OrleansMeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>The scraping endpoint.</summary>
    public const string Path = "/metrics";

    /// <summary>Registers the meters and the Prometheus exporter.</summary>
    public static IServiceCollection AddCountersMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Meters)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>Maps <see cref="Path"/>.</summary>
    public static IEndpointRouteBuilder MapCountersMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path);
        return app;
    }
}
