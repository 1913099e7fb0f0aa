using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Orleans.Counters.Hosting.Kubernetes;

/// <summary>
/// Orleans' Kubernetes hosting on top of our PostgreSQL membership: the silo is named after its pod
/// (<c>POD_NAME</c>), advertises the pod's IP (<c>POD_IP</c>), labels its pod with the cluster's ids,
/// and a pod deleted in <c>POD_NAMESPACE</c> has its silo declared dead at once instead of after failed probes.
/// </summary>
internal static class CountersKubernetesHosting
{
    /// <summary>Adds Kubernetes hosting with the ports and ids of <c>Counters:Cluster</c>.</summary>
    public static ISiloBuilder UseCountersKubernetesHosting(this ISiloBuilder silo, IConfiguration configuration, ClusterSettings cluster)
    {
        silo.UseKubernetesHosting(options => options.Bind(configuration.GetSection(KubernetesSettings.Section)));
        silo.Configure<EndpointOptions>(options =>
        {
            options.SiloPort = cluster.SiloPort;
            options.GatewayPort = cluster.GatewayPort;
            // POD_IP set here: Orleans' own default (the host's first address) is post-configured before
            // Kubernetes hosting's, which then never uses POD_IP. Kubernetes hosting listens on every address.
            var address = string.IsNullOrWhiteSpace(cluster.AdvertisedAddress)
                ? Environment.GetEnvironmentVariable(KubernetesHostingOptions.PodIPEnvironmentVariable)
                : cluster.AdvertisedAddress;
            if (!string.IsNullOrWhiteSpace(address))
            {
                options.AdvertisedIPAddress = AdvertisedAddress.Resolve(address);
            }
        });

        // Kubernetes hosting takes the ids from ORLEANS_CLUSTER_ID / ORLEANS_SERVICE_ID when set; the
        // gateway reads only Counters:Cluster, so those win here too and both sides agree.
        silo.Services.PostConfigure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        return silo;
    }
}
