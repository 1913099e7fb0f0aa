namespace Orleans.Counters.Gateway.Cluster;

/// <summary>Registers <see cref="ClusterConnection"/> in place of the Orleans client's own hosted service.</summary>
public static class ClusterConnectionServiceCollectionExtensions
{
    /// <summary>
    /// Call after <c>UseOrleansClient</c>: the hosted service that is the cluster client is started by
    /// <see cref="ClusterConnection"/> instead, in the background; other hosted services stay as they are.
    /// </summary>
    public static IServiceCollection AddClusterConnection(this IServiceCollection services)
    {
        services.AddSingleton<ClusterConnection>();
        services.AddSingleton<IClientConnectionRetryFilter, ClusterConnectionRetry>();
        for (var i = 0; i < services.Count; i++)
        {
            // A keyed descriptor throws on ImplementationFactory: look at unkeyed hosted services only.
            if (services[i].ServiceType == typeof(IHostedService) && !services[i].IsKeyedService && services[i].ImplementationFactory is { } factory)
            {
                services[i] = ServiceDescriptor.Singleton<IHostedService>(provider => factory(provider) switch
                {
                    IClusterClient => provider.GetRequiredService<ClusterConnection>(),
                    var hosted => (IHostedService)hosted,
                });
            }
        }

        return services;
    }
}
