using YamlDotNet.RepresentationModel;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>kustomization.yaml applies every manifest but the example Secret, and the manifests fit any namespace.</summary>
public sealed class KustomizationTests
{
    private static readonly YamlMappingNode Kustomization = Load();

    [Fact]
    public void Resources_AreEveryManifest_ButTheExampleSecret()
    {
        var resources = ((YamlSequenceNode)Kustomization["resources"]).Select(node => ((YamlScalarNode)node).Value!);
        var manifests = Manifests.All.ByFile.Keys.Where(file => file != Manifests.SecretExampleFile);

        Assert.Equal(manifests.Order(), resources.Order());
    }

    [Fact]
    public void Images_NameTheDeploymentsImages()
    {
        var images = ((YamlSequenceNode)Kustomization["images"]).Select(node => ((YamlScalarNode)((YamlMappingNode)node)["name"]).Value!);
        var used = Manifests.All.Deployments.SelectMany(d => d.Spec.Template.Spec.Containers).Select(c => c.Image);

        Assert.Equal(used.Order(), images.Order());
    }

    [Fact]
    public void NoManifest_NamesANamespace()
    {
        Assert.All(Manifests.All.Objects, manifest => Assert.Null(Assert.IsAssignableFrom<IMetadata<V1ObjectMeta>>(manifest).Metadata.NamespaceProperty));
    }

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Manifests.Folder, Manifests.KustomizationFile));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }
}
