using Orleans.Counters.Hosting.Operations;

namespace Orleans.Counters.Gateway.Operations;

/// <summary>
/// What an operator needs from the gateway: health probes, Prometheus metrics (Orleans', ASP.NET
/// Core's and ours) and the OpenAPI document with a browsable UI.
/// </summary>
public static class OperationsEndpoints
{
    /// <summary>Where the OpenAPI document is served (ASP.NET Core's default).</summary>
    public const string OpenApiDocument = "/openapi/v1.json";

    /// <summary>Registers health checks, metrics and the OpenAPI document.</summary>
    public static IServiceCollection AddCountersOperations(this IServiceCollection services)
    {
        // A client asks the cluster for any active silo; the gateway counts on the cluster, not on one silo.
        services.AddCountersHealthChecks<ClusterHealthCheck>();
        services.AddCountersMetrics();
        services.AddSingleton<IngestMetrics>();
        services.AddOpenApi(document =>
        {
            document.AddDocumentTransformer<KeySchemes>();
            document.AddOperationTransformer<KeySchemes>();
            document.AddOperationTransformer<QueryParameterNames>();
            document.AddOperationTransformer<RequestBodies>();
        });
        return services;
    }

    /// <summary>Maps <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c>, <c>/openapi/v1.json</c> and the UI at <c>/openapi</c>.</summary>
    public static WebApplication MapCountersOperations(this WebApplication app)
    {
        app.MapCountersHealthChecks();
        app.MapCountersMetrics();
        app.MapOpenApi();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint(OpenApiDocument, "Orleans.Counters");
            ui.RoutePrefix = "openapi";
            ui.DocumentTitle = "Orleans.Counters API";
        });
        return app;
    }
}
