using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Counters.Hosting;
using Orleans.Counters.Hosting.Kubernetes;
using Orleans.Hosting;
using Orleans.Hosting.Kubernetes;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>
/// A silo built (not started) from the silo Deployment's environment: Orleans' Kubernetes hosting
/// names it after its pod and advertises the pod's IP on the container's ports, with our cluster ids.
/// It reads the POD_* variables from the process environment, so this class sets them.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class KubernetesHostingTests
{
    [Fact]
    public void TheSilo_AdvertisesThePodsIp_OnTheContainersPorts_UnderThePodsName()
    {
        using var environment = ProcessEnvironment.Set(PodVariables());
        using var host = BuildSilo(Role.Silo.Configuration, out var services);

        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        var ports = Role.Silo.Container.Ports.Select(port => port.ContainerPort).ToList();
        Assert.Equal(IPAddress.Parse(ContainerEnvironment.PodIp), endpoints.AdvertisedIPAddress);
        Assert.Contains(endpoints.SiloPort, ports);
        Assert.Contains(endpoints.GatewayPort, ports);
        Assert.Equal(new IPEndPoint(IPAddress.Any, endpoints.SiloPort), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, endpoints.GatewayPort), endpoints.GatewayListeningEndpoint);
        Assert.Equal(ContainerEnvironment.PodName, host.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
        Assert.True(host.Services.GetRequiredService<IOptions<KubernetesHostingOptions>>().Value.DeleteDefunctSiloPods);
        // Not resolved: its constructor reads the in-cluster configuration, which exists only in a pod.
        Assert.Contains(services, service => service.ImplementationType == typeof(KubernetesClusterAgent));
    }

    [Fact]
    public void OrleansOwnIdVariables_DoNotOverrideTheIdsTheGatewayReads()
    {
        using var environment = ProcessEnvironment.Set(
        [
            .. PodVariables(),
            (KubernetesHostingOptions.ClusterIdEnvironmentVariable, "another-cluster"),
            (KubernetesHostingOptions.ServiceIdEnvironmentVariable, "another-service"),
        ]);
        using var host = BuildSilo(Role.Silo.Configuration, out _);

        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal(Role.Silo.PodLabels[KubernetesHostingOptions.ClusterIdLabel], cluster.ClusterId);
        Assert.Equal(Role.Silo.PodLabels[KubernetesHostingOptions.ServiceIdLabel], cluster.ServiceId);
    }

    [Fact]
    public void WithoutTheSwitch_NoKubernetesAgentRuns()
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(Role.Silo.Configuration)
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>($"{KubernetesSettings.Section}:{nameof(KubernetesSettings.Enabled)}", "false")])
            .Build();
        using var host = BuildSilo(configuration, out var services);

        Assert.DoesNotContain(services, service => service.ImplementationType == typeof(KubernetesClusterAgent));
        Assert.NotNull(host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress);
    }

    [Fact]
    public void TheSwitch_WithMemoryStorage_IsRefused()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>($"{KubernetesSettings.Section}:{nameof(KubernetesSettings.Enabled)}", "true")])
            .Build();

        var refused = Assert.Throws<InvalidOperationException>(() => configuration.GetCountersOptions<KubernetesSettings>().RequireMembershipIn(StorageMode.Memory));
        Assert.Contains(CountersRootSettings.StorageKey, refused.Message);
    }

    private static (string Name, string? Value)[] PodVariables() =>
    [
        (KubernetesHostingOptions.PodNameEnvironmentVariable, ContainerEnvironment.PodName),
        (KubernetesHostingOptions.PodNamespaceEnvironmentVariable, ContainerEnvironment.PodNamespace),
        (KubernetesHostingOptions.PodIPEnvironmentVariable, ContainerEnvironment.PodIp),
    ];

    private static IHost BuildSilo(IConfiguration configuration, out IReadOnlyList<ServiceDescriptor> services)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.UseOrleans(silo => silo.AddCounters(builder.Configuration));
        services = [.. builder.Services];
        return builder.Build();
    }
}
