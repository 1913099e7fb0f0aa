using YamlDotNet.RepresentationModel;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>docker-compose.yml, read as YAML: the images it builds and the environment it gives.</summary>
public static class ComposeFile
{
    private static readonly YamlMappingNode Services = Load();

    /// <summary>The image of a service (<c>silo</c>, <c>gateway</c>).</summary>
    public static string Image(string service) =>
        ((YamlScalarNode)((YamlMappingNode)Services[service])["image"]).Value!;

    /// <summary>A setting of a service written as one value (<c>stop_grace_period</c>), or null when absent.</summary>
    public static string? Scalar(string service, string key) =>
        ((YamlMappingNode)Services[service]).Children.TryGetValue(key, out var node) ? ((YamlScalarNode)node).Value : null;

    /// <summary>A setting of a service written as a list (<c>ports</c>), values as written; empty when absent.</summary>
    public static IReadOnlyList<string> Sequence(string service, string key) =>
        ((YamlMappingNode)Services[service]).Children.TryGetValue(key, out var node)
            ? [.. ((YamlSequenceNode)node).Children.Select(item => ((YamlScalarNode)item).Value ?? "")]
            : [];

    /// <summary>
    /// A service's environment variables, those merged in from an anchor (<c>&lt;&lt;: *counters</c>)
    /// included; values as written, <c>${VAR:-default}</c> left unexpanded.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(string service)
    {
        var environment = (YamlMappingNode)((YamlMappingNode)Services[service])["environment"];
        return Flatten(environment).ToDictionary(pair => pair.Key, pair => pair.Value);
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(YamlMappingNode mapping)
    {
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name == "<<")
            {
                foreach (var merged in Flatten((YamlMappingNode)value))
                {
                    yield return merged;
                }
            }
            else
            {
                yield return new(name, ((YamlScalarNode)value).Value ?? "");
            }
        }
    }

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }
}
