using Orleans.Counters.Hosting.Operations;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>A process the manifests run: its Deployment, the keys its code reads and the port it serves HTTP on.</summary>
public sealed record Role(string Name, V1Deployment Deployment, IReadOnlyDictionary<string, Type> Keys, int HttpPort)
{
    /// <summary>The silo: HTTP on <see cref="SiloHttpSettings.DefaultHttpPort"/>.</summary>
    public static Role Silo => new("silo", Manifests.All.Silo, ConfigurationKeys.Silo, SiloHttpSettings.DefaultHttpPort);

    /// <summary>The gateway: HTTP on the port its Dockerfile's <c>ASPNETCORE_URLS</c> names.</summary>
    public static Role Gateway => new("gateway", Manifests.All.Gateway, ConfigurationKeys.Gateway, Dockerfile.Gateway.UrlsPort);

    /// <summary>For theories: the role's name.</summary>
    public static TheoryData<string> Names => ["silo", "gateway"];

    /// <summary>The role by name.</summary>
    public static Role Named(string name) => name == "silo" ? Silo : Gateway;

    /// <summary>The pod's only container.</summary>
    public V1Container Container => Assert.Single(Deployment.Spec.Template.Spec.Containers);

    /// <summary>The pod template's labels.</summary>
    public IDictionary<string, string> PodLabels => Deployment.Spec.Template.Metadata.Labels;

    /// <summary>The container's environment as configuration.</summary>
    public IConfiguration Configuration => ContainerEnvironment.Configuration(Container, Manifests.All.Secret);
}
