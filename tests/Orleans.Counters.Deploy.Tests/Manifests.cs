using k8s;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>
/// Every object of <c>deploy/k8s/*.yaml</c>, read into KubernetesClient's typed models with its strict
/// deserializer (an unknown or misspelt field fails), and the objects the tests look at by role.
/// </summary>
public sealed class Manifests
{
    /// <summary>The manifests' folder.</summary>
    public static string Folder { get; } = Path.Combine(RepositoryPaths.Root, "deploy", "k8s");

    /// <summary>The kustomization file: not a Kubernetes object.</summary>
    public const string KustomizationFile = "kustomization.yaml";

    /// <summary>The example Secret: read by the tests, not applied by the kustomization.</summary>
    public const string SecretExampleFile = "secret.example.yaml";

    /// <summary>The manifests, read once for every test.</summary>
    public static Manifests All { get; } = Load();

    private Manifests(IReadOnlyDictionary<string, IReadOnlyList<IKubernetesObject>> byFile) => ByFile = byFile;

    /// <summary>The objects of each file, by file name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IKubernetesObject>> ByFile { get; }

    /// <summary>Every object of every file.</summary>
    public IEnumerable<IKubernetesObject> Objects => ByFile.Values.SelectMany(objects => objects);

    /// <summary>The silo Deployment: the one whose pods carry Orleans' service id label.</summary>
    public V1Deployment Silo => Deployments.Single(d => d.Spec.Template.Metadata.Labels.ContainsKey(Orleans.Hosting.Kubernetes.KubernetesHostingOptions.ServiceIdLabel));

    /// <summary>The gateway Deployment: the other one.</summary>
    public V1Deployment Gateway => Deployments.Single(d => d != Silo);

    /// <summary>Every Deployment.</summary>
    public IReadOnlyList<V1Deployment> Deployments => OfType<V1Deployment>();

    /// <summary>The example Secret.</summary>
    public V1Secret Secret => ByFile[SecretExampleFile].OfType<V1Secret>().Single();

    /// <summary>Every object of a kind.</summary>
    public IReadOnlyList<T> OfType<T>() => [.. Objects.OfType<T>()];

    private static Manifests Load()
    {
        var files = Directory.GetFiles(Folder, "*.yaml").Where(file => Path.GetFileName(file) != KustomizationFile).Order();
        var byFile = new Dictionary<string, IReadOnlyList<IKubernetesObject>>();
        foreach (var file in files)
        {
            var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(file), strict: true);
            byFile[Path.GetFileName(file)] = [.. objects.Cast<IKubernetesObject>()];
        }

        return new Manifests(byFile);
    }
}
