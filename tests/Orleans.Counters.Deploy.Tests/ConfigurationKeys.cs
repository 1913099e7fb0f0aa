using System.ComponentModel;
using System.Reflection;
using Orleans.Counters.Events;
using Orleans.Counters.Gateway;
using Orleans.Counters.Gateway.Ingestion;
using Orleans.Counters.Gateway.Security;
using Orleans.Counters.Gateway.SpringCompatibility;
using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Hosting.Kubernetes;
using Orleans.Counters.Hosting.Operations;
using Orleans.Counters.Streaming.Postgres;
using Orleans.Hosting.Kubernetes;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>
/// The configuration keys each process reads, with their types, taken from the code: the settings
/// classes' properties under their sections, and the single keys they declare.
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>Read by every process: storage, streams, the connection string, cluster identity, the queue.</summary>
    private static readonly (string Key, Type Type)[] Shared =
    [
        (CountersSettings.StorageKey, typeof(StorageMode)),
        (CountersSettings.StreamsKey, typeof(StorageMode)),
        (ConfigurationPath.Combine("ConnectionStrings", CountersSettings.ConnectionStringName), typeof(string)),
        (DurableEventWriter.IdempotencyWindowKey, typeof(TimeSpan)),
        (OrleansDashboardSettings.EnabledKey, typeof(bool)),
        .. Section(ClusterSettings.Section, typeof(ClusterSettings)),
        .. Section(PostgresStreamOptions.Section, typeof(PostgresStreamOptions)),
    ];

    /// <summary>What the silo process reads, and the environment variables Orleans' Kubernetes hosting reads.</summary>
    public static IReadOnlyDictionary<string, Type> Silo { get; } = Build(
    [
        .. Shared,
        .. Section(SiloHttpSettings.Section, typeof(SiloHttpSettings)),
        .. Section(KubernetesSettings.Section, typeof(KubernetesSettings), typeof(KubernetesHostingOptions)),
        .. Section(CounterOptions.Section, typeof(CounterOptions)),
        (KubernetesHostingOptions.PodNameEnvironmentVariable, typeof(string)),
        (KubernetesHostingOptions.PodNamespaceEnvironmentVariable, typeof(string)),
        (KubernetesHostingOptions.PodIPEnvironmentVariable, typeof(string)),
    ]);

    /// <summary>What the gateway process reads as an Orleans client of the silos.</summary>
    public static IReadOnlyDictionary<string, Type> Gateway { get; } = Build(
    [
        .. Shared,
        .. Section(GatewaySettings.Section, typeof(GatewaySettings)),
        .. Section(IngestLimits.Section, typeof(IngestLimits), typeof(EventLimits)),
        .. Section(SpringEventCounterSettings.Section, typeof(SpringEventCounterSettings)),
        .. Section(SpringEventCounterSettings.LegacySection, typeof(SpringEventCounterSettings)),
        // ASP.NET Core's: where Kestrel listens.
        ("ASPNETCORE_URLS", typeof(string)),
        .. Section(SecuritySettings.Section, typeof(SecuritySettings)),
        .. Section(ConfigurationPath.Combine(RateLimitSettings.Section, nameof(RateLimitSettings.Ingest)), typeof(RateLimitSettings.RateLimit)),
        .. Section(ConfigurationPath.Combine(RateLimitSettings.Section, nameof(RateLimitSettings.Read)), typeof(RateLimitSettings.RateLimit)),
        .. Section(ConfigurationPath.Combine(RateLimitSettings.Section, nameof(RateLimitSettings.Anonymous)), typeof(RateLimitSettings.RateLimit)),
    ]);

    /// <summary>The keys of a settings class: its public settable properties of a type read from text.</summary>
    private static IEnumerable<(string Key, Type Type)> Section(string section, params Type[] settings) =>
        from type in settings
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.SetMethod?.IsPublic == true && TypeDescriptor.GetConverter(property.PropertyType).CanConvertFrom(typeof(string))
        select (ConfigurationPath.Combine(section, property.Name), property.PropertyType);

    private static Dictionary<string, Type> Build((string Key, Type Type)[] keys) =>
        keys.ToDictionary(key => key.Key, key => key.Type, StringComparer.OrdinalIgnoreCase);
}
