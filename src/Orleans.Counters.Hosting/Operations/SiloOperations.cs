using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Orleans.Counters.Hosting.Storage;

namespace Orleans.Counters.Hosting.Operations;

/// <summary>
/// The silo process's HTTP surface: health probes and metrics on <see cref="SiloHttpSettings.HttpPort"/>,
/// so an orchestrator can probe a silo and Prometheus can scrape it. No API: that is the gateway's.
/// With the durable queue, readiness also fails while it holds dead letters, and a gauge counts them.
/// </summary>
public static class SiloOperations
{
    /// <summary>Listens on the configured port and registers the health checks and metrics.</summary>
    public static WebApplicationBuilder AddSiloOperations(this WebApplicationBuilder builder)
    {
        var http = builder.Configuration.GetCountersOptions<SiloHttpSettings>();
        // Every address: the kubelet probes the pod's IP, and Prometheus scrapes it.
        builder.WebHost.UseUrls($"http://*:{http.HttpPort}");
        builder.Services.AddCountersHealthChecks<SiloHealthCheck>();
        builder.Services.AddCountersMetrics();
        builder.Services.AddCountersTelemetry(builder.Configuration);
        builder.Services.AddCountersStorageOperations(CountersSettings.From(builder.Configuration));

        return builder;
    }

    /// <summary>Maps <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>.</summary>
    public static WebApplication MapSiloOperations(this WebApplication app)
    {
        app.MapCountersHealthChecks();
        app.MapCountersMetrics();
        return app;
    }
}
