using Orleans.Counters.Gateway;
using Orleans.Hosting.Kubernetes;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>The gateway Deployment and Service as the gateway's code reads them.</summary>
public sealed class GatewayDeploymentTests
{
    private static readonly Role Gateway = Role.Gateway;

    [Fact]
    public void TheGateway_IsAClientOfTheSilosCluster()
    {
        var gateway = CountersSettings.From(Gateway.Configuration);
        var silo = CountersSettings.From(Role.Silo.Configuration);

        Assert.False(Gateway.Configuration.GetSection(GatewaySettings.Section).Get<GatewaySettings>()!.HostSilo);
        Assert.Equal(StorageMode.PostgreSql, gateway.Storage);
        Assert.Equal(silo.Streams, gateway.Streams);
        Assert.Equal(silo.Cluster.ClusterId, gateway.Cluster.ClusterId);
        Assert.Equal(silo.Cluster.ServiceId, gateway.Cluster.ServiceId);
    }

    [Fact]
    public void TheGateway_ListensOnItsContainerPort_AsItsDockerfileSays()
    {
        var urls = Gateway.Configuration["ASPNETCORE_URLS"]!;
        var port = Assert.Single(Gateway.Container.Ports);

        Assert.Equal(Dockerfile.Gateway.UrlsPort, new Uri(urls.Replace("+", "localhost", StringComparison.Ordinal)).Port);
        Assert.Equal(Dockerfile.Gateway.UrlsPort, port.ContainerPort);
        Assert.Contains(port.ContainerPort, Dockerfile.Gateway.Exposed);
    }

    [Fact]
    public void GatewayPods_AreNoSilos_ForOrleansKubernetesHosting()
    {
        Assert.DoesNotContain(KubernetesHostingOptions.ServiceIdLabel, Gateway.PodLabels.Keys);
        Assert.DoesNotContain(KubernetesHostingOptions.ClusterIdLabel, Gateway.PodLabels.Keys);
        Assert.False(Gateway.Deployment.Spec.Template.Spec.AutomountServiceAccountToken);
    }

    [Fact]
    public void TheService_SendsToTheGatewaysHttpPort_AndToNoSilo()
    {
        var service = Assert.Single(Manifests.All.OfType<V1Service>());
        var port = Assert.Single(service.Spec.Ports);

        Assert.True(Selectors.Matches(service.Spec.Selector, Gateway.PodLabels), "the Service selects no gateway pod");
        Assert.False(Selectors.Matches(service.Spec.Selector, Role.Silo.PodLabels), "the Service selects silo pods");
        Assert.Equal(Gateway.HttpPort, ContainerEnvironment.Port(Gateway.Container, port.TargetPort));
    }
}
