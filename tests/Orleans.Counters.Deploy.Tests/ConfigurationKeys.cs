using System.ComponentModel;
using System.Reflection;
using Orleans.Counters.Gateway;
using Orleans.Counters.Hosting;
using Orleans.Hosting.Kubernetes;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>
/// The configuration keys each process reads, with their types, taken from the code: the options
/// registries of <see cref="CountersSiloConfiguration"/> and <see cref="CountersGatewayConfiguration"/>,
/// plus the few keys read outside options types.
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>The connection string every process reads.</summary>
    private static readonly (string Key, Type Type) ConnectionString =
        (ConfigurationPath.Combine("ConnectionStrings", CountersSettings.ConnectionStringName), typeof(string));

    /// <summary>What the silo process reads, and the environment variables Orleans' Kubernetes hosting reads.</summary>
    public static IReadOnlyDictionary<string, Type> Silo { get; } = Build(
    [
        ConnectionString,
        .. CountersSiloConfiguration.Options.SelectMany(Keys),
        (KubernetesHostingOptions.PodNameEnvironmentVariable, typeof(string)),
        (KubernetesHostingOptions.PodNamespaceEnvironmentVariable, typeof(string)),
        (KubernetesHostingOptions.PodIPEnvironmentVariable, typeof(string)),
    ]);

    /// <summary>What the gateway process reads as an Orleans client of the silos.</summary>
    public static IReadOnlyDictionary<string, Type> Gateway { get; } = Build(
    [
        ConnectionString,
        .. CountersGatewayConfiguration.Options.SelectMany(Keys),
        // ASP.NET Core's: where Kestrel listens.
        ("ASPNETCORE_URLS", typeof(string)),
    ]);

    private static IEnumerable<(string Key, Type Type)> Keys(CountersOptionsSection section) => Keys(section.Path, section.Type);

    /// <summary>
    /// The keys of an options type: its public settable properties of a type read from text, and those of
    /// its nested settings classes (such as <c>RateLimits:Ingest</c>) under their property's name.
    /// </summary>
    private static IEnumerable<(string Key, Type Type)> Keys(string path, Type type) =>
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.SetMethod?.IsPublic == true
        let key = ConfigurationPath.Combine(path, property.Name)
        from entry in TypeDescriptor.GetConverter(property.PropertyType).CanConvertFrom(typeof(string))
            ? [(key, property.PropertyType)]
            : property.PropertyType.Namespace?.StartsWith("Orleans.Counters", StringComparison.Ordinal) == true
                ? Keys(key, property.PropertyType)
                : []
        select entry;

    private static Dictionary<string, Type> Build((string Key, Type Type)[] keys) =>
        keys.ToDictionary(key => key.Key, key => key.Type, StringComparer.OrdinalIgnoreCase);
}
