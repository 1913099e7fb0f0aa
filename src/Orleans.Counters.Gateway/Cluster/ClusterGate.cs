using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Counters.Gateway.Problems;

namespace Orleans.Counters.Gateway.Cluster;

/// <summary>
/// Answers an API request 503 problem+json with <c>Retry-After</c> while the gateway has not reached
/// the cluster: the client cannot carry a call yet (one made anyway failed with a 500).
/// </summary>
public sealed class ClusterGate(ClusterConnection connection, IProblemDetailsService problems) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (connection.IsConnected)
        {
            return await next(context);
        }

        await ServiceUnavailableHandler.WriteAsync(context.HttpContext, problems, "No silo has been reached yet; retry it.");
        return EmptyHttpResult.Instance;
    }
}
