using Orleans.Counters.Hosting.Kubernetes;
using Orleans.Counters.Hosting.Operations;
using Orleans.Hosting.Kubernetes;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>The silo Deployment as the silo's code reads it: ports, cluster identity, Kubernetes hosting.</summary>
public sealed class SiloDeploymentTests
{
    private static readonly Role Silo = Role.Silo;

    [Fact]
    public void ContainerPorts_AreTheConfiguredPorts_AndTheCodesDefaults()
    {
        var settings = CountersSettings.From(Silo.Configuration);
        var http = Silo.Configuration.GetCountersOptions<SiloHttpSettings>();
        var defaults = new ClusterSettings();
        var ports = Silo.Container.Ports.ToDictionary(port => port.Name, port => port.ContainerPort);

        Assert.Equal(defaults.SiloPort, settings.Cluster.SiloPort);
        Assert.Equal(defaults.GatewayPort, settings.Cluster.GatewayPort);
        Assert.Equal(SiloHttpSettings.DefaultHttpPort, http.HttpPort);
        Assert.Equal(
            new SortedSet<int> { settings.Cluster.SiloPort, settings.Cluster.GatewayPort, http.HttpPort },
            new SortedSet<int>(ports.Values));
        Assert.Equal(http.HttpPort, ports["http"]);
    }

    [Fact]
    public void PodLabels_CarryTheClusterIds_TheSiloIsConfiguredWith()
    {
        var cluster = CountersSettings.From(Silo.Configuration).Cluster;

        // Orleans' Kubernetes hosting lists the cluster's pods by these labels (and sets them on its own pod).
        Assert.Equal(cluster.ServiceId, Silo.PodLabels[KubernetesHostingOptions.ServiceIdLabel]);
        Assert.Equal(cluster.ClusterId, Silo.PodLabels[KubernetesHostingOptions.ClusterIdLabel]);
    }

    [Fact]
    public void KubernetesHosting_IsOn_OverPostgreSqlMembership()
    {
        var settings = CountersSettings.From(Silo.Configuration);

        Assert.Equal(StorageMode.PostgreSql, settings.Storage);
        Assert.True(Silo.Configuration.GetCountersOptions<KubernetesSettings>().RequireMembershipIn(settings.Storage).Enabled);
    }

    [Fact]
    public void TheDownwardApi_GivesOrleansThePodsNameNamespaceAndIp()
    {
        var fields = Silo.Container.Env.Where(variable => variable.ValueFrom?.FieldRef is not null)
            .ToDictionary(variable => variable.Name, variable => variable.ValueFrom.FieldRef.FieldPath);

        Assert.Equal("metadata.name", fields[KubernetesHostingOptions.PodNameEnvironmentVariable]);
        Assert.Equal("metadata.namespace", fields[KubernetesHostingOptions.PodNamespaceEnvironmentVariable]);
        Assert.Equal("status.podIP", fields[KubernetesHostingOptions.PodIPEnvironmentVariable]);
        // Left empty so the pod's IP is advertised.
        Assert.True(string.IsNullOrEmpty(CountersSettings.From(Silo.Configuration).Cluster.AdvertisedAddress));
    }

    [Fact]
    public void RollingUpdates_AddASiloBeforeRemovingOne_AndTheAutoscalerOwnsTheCount()
    {
        var spec = Silo.Deployment.Spec;

        Assert.Equal("0", spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Null(spec.Replicas);
    }
}
