using YamlDotNet.RepresentationModel;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>docker-compose.yml, read as YAML: the images it builds.</summary>
public static class ComposeFile
{
    private static readonly YamlMappingNode Services = Load();

    /// <summary>The image of a service (<c>silo</c>, <c>gateway</c>).</summary>
    public static string Image(string service) =>
        ((YamlScalarNode)((YamlMappingNode)Services[service])["image"]).Value!;

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }
}
