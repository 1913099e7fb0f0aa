using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orleans.Counters.Hosting.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the cluster has joined and storage
/// answers, so requests can be counted; 503 until then, for a load balancer or a Kubernetes probe.
/// Served by the gateway and by the silo process alike.
/// </summary>
public static class HealthChecks
{
    /// <summary>The liveness endpoint.</summary>
    public const string LivePath = "/health/live";

    /// <summary>The readiness endpoint.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>How long one check may take before it counts as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private const string ReadyTag = "ready";

    /// <summary>
    /// Registers the readiness checks: <typeparamref name="TClusterCheck"/> as <c>cluster</c> (what
    /// "joined" means differs between a client and a silo) and <see cref="StorageHealthCheck"/> as <c>storage</c>.
    /// </summary>
    public static IServiceCollection AddCountersHealthChecks<TClusterCheck>(this IServiceCollection services)
        where TClusterCheck : class, IHealthCheck
    {
        services.TryAddSingleton(provider => CountersSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.AddHealthChecks()
            .AddCheck<TClusterCheck>("cluster", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Adds <typeparamref name="TCheck"/> to the readiness checks, as <paramref name="name"/>.</summary>
    public static IServiceCollection AddCountersReadinessCheck<TCheck>(this IServiceCollection services, string name)
        where TCheck : class, IHealthCheck
    {
        services.AddHealthChecks().AddCheck<TCheck>(name, tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps <see cref="LivePath"/> and <see cref="ReadyPath"/>.</summary>
    public static IEndpointRouteBuilder MapCountersHealthChecks(this IEndpointRouteBuilder app)
    {
        // Probes are never rate limited: a kubelet answered 429 would restart a healthy pod.
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).DisableRateLimiting();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).DisableRateLimiting();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        }));
    }
}
