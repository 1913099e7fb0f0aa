using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Hosting.Kubernetes;
using Orleans.Counters.Hosting.Operations;
using Orleans.Counters.Postgres;
using Orleans.Hosting.Kubernetes;

namespace Orleans.Counters.Hosting;

/// <summary>The options a silo process reads: the registry the deployment checks compare manifests with.</summary>
public static class CountersSiloConfiguration
{
    /// <summary>Every section a silo binds, with the type bound to it.</summary>
    public static IReadOnlyList<CountersOptionsSection> Options { get; } =
    [
        .. CountersClientConfiguration.Options,
        .. PostgresQueueConfiguration.Options,
        CountersOptionsSection.Of<OrleansDashboardSettings>(),
        CountersOptionsSection.Of<SiloHttpSettings>(),
        CountersOptionsSection.Of<KubernetesSettings>(),
        // Orleans' own options, bound from the same section by UseCountersKubernetesHosting.
        new(KubernetesSettings.Section, typeof(KubernetesHostingOptions)),
        CountersOptionsSection.Of<CounterOptions>(),
    ];
}
