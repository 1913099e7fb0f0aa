namespace Orleans.Counters.Deploy.Tests;

/// <summary>
/// What a container of the manifests sees: its environment, with values from the example Secret and
/// made-up downward-API values, and that environment as configuration, as the hosts read it.
/// </summary>
public static class ContainerEnvironment
{
    /// <summary>The pod name the downward API would give.</summary>
    public const string PodName = "orleans-counters-silo-5d8f7c9b4-x2k7q";

    /// <summary>The namespace the downward API would give.</summary>
    public const string PodNamespace = "counters-test";

    /// <summary>The pod IP the downward API would give.</summary>
    public const string PodIp = "10.244.1.23";

    /// <summary>The container's environment variables by name.</summary>
    public static IReadOnlyDictionary<string, string> Variables(V1Container container, V1Secret secret) =>
        (container.Env ?? []).ToDictionary(variable => variable.Name, variable => Value(variable, secret));

    /// <summary>
    /// The environment as configuration, as <c>AddEnvironmentVariables</c> reads it: <c>__</c> is the
    /// section separator <c>:</c>.
    /// </summary>
    public static IConfiguration Configuration(V1Container container, V1Secret secret) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(Variables(container, secret).Select(pair => KeyValuePair.Create(ConfigurationKey(pair.Key), (string?)pair.Value)))
            .Build();

    /// <summary>The configuration key an environment variable sets.</summary>
    public static string ConfigurationKey(string variable) => variable.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    /// <summary>The container port a probe's or a Service's port names, by name or number.</summary>
    public static int Port(V1Container container, IntOrString port) =>
        int.TryParse(port.Value, out var number)
            ? number
            : (container.Ports ?? []).SingleOrDefault(p => p.Name == port.Value)?.ContainerPort
                ?? throw new InvalidOperationException($"Container {container.Name} has no port named {port.Value}.");

    private static string Value(V1EnvVar variable, V1Secret secret)
    {
        if (variable.ValueFrom is null)
        {
            return variable.Value ?? "";
        }

        if (variable.ValueFrom.SecretKeyRef is { } reference)
        {
            Assert.True(reference.Name == secret.Metadata.Name, $"{variable.Name} reads Secret {reference.Name}; the example Secret is {secret.Metadata.Name}.");
            return SecretValue(secret, reference.Key)
                ?? throw new InvalidOperationException($"{variable.Name} reads key {reference.Key}, which the example Secret lacks.");
        }

        return variable.ValueFrom.FieldRef?.FieldPath switch
        {
            "metadata.name" => PodName,
            "metadata.namespace" => PodNamespace,
            "status.podIP" => PodIp,
            var other => throw new InvalidOperationException($"{variable.Name}: no made-up value for {other ?? "this source"}."),
        };
    }

    /// <summary>A Secret's value for a key, from <c>stringData</c> or <c>data</c>; null when it has no such key.</summary>
    public static string? SecretValue(V1Secret secret, string key) =>
        secret.StringData?.TryGetValue(key, out var text) == true ? text
        : secret.Data?.TryGetValue(key, out var bytes) == true ? System.Text.Encoding.UTF8.GetString(bytes)
        : null;
}
