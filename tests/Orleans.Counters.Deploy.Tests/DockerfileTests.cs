using System.Xml.Linq;
using Orleans.Counters.Hosting.Operations;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>The images' Dockerfiles expose the ports the Deployments use and set only keys the code reads.</summary>
public sealed class DockerfileTests
{
    [Fact]
    public void TheSiloImage_ExposesTheSilosPorts()
    {
        var defaults = new ClusterSettings();
        var containerPorts = Role.Silo.Container.Ports.Select(port => port.ContainerPort);

        Assert.Equal(new SortedSet<int> { defaults.SiloPort, defaults.GatewayPort, SiloHttpSettings.DefaultHttpPort }, new SortedSet<int>(Dockerfile.Silo.Exposed));
        Assert.Equal(new SortedSet<int>(Dockerfile.Silo.Exposed), new SortedSet<int>(containerPorts));
        Assert.Equal(SiloHttpSettings.DefaultHttpPort.ToString(), Dockerfile.Silo.Environment["Counters__Silo__HttpPort"]);
        // The base image's 8080 emptied: the silo serves HTTP on Counters__Silo__HttpPort only.
        Assert.Equal("", Dockerfile.Silo.Environment["ASPNETCORE_HTTP_PORTS"]);
    }

    [Fact]
    public void TheGatewayImage_ExposesThePortItListensOn()
    {
        Assert.Equal([Dockerfile.Gateway.UrlsPort], Dockerfile.Gateway.Exposed);
    }

    [Fact]
    public void EachImage_CopiesEveryProjectItsProgramReferences()
    {
        // The silo's and gateway's images once lacked Streaming.Postgres, which the client library referenced.
        foreach (var file in new[] { Dockerfile.Silo, Dockerfile.Gateway })
        {
            foreach (var project in ReferencedProjects(file.Project))
            {
                Assert.Contains($"src/{project}/{project}.csproj", file.Copied);
                Assert.Contains($"src/{project}/", file.Copied);
            }
        }
    }

    [Fact]
    public void TheImagesCountersVariables_AreKeysTheCodeReads()
    {
        (Dockerfile File, IReadOnlyDictionary<string, Type> Keys)[] images = [(Dockerfile.Silo, ConfigurationKeys.Silo), (Dockerfile.Gateway, ConfigurationKeys.Gateway)];
        foreach (var (file, keys) in images)
        {
            var ours = file.Environment.Keys.Where(name => name.StartsWith("Counters__", StringComparison.Ordinal) || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(ours);
            Assert.All(ours, name => Assert.Contains(ContainerEnvironment.ConfigurationKey(name), keys.Keys, StringComparer.OrdinalIgnoreCase));
        }
    }

    // The project and every project it references, directly or not, by name.
    private static SortedSet<string> ReferencedProjects(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var waiting = new Stack<string>([project]);
        while (waiting.TryPop(out var name))
        {
            if (!found.Add(name))
            {
                continue;
            }

            var csproj = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", name, name + ".csproj"));
            foreach (var reference in csproj.Descendants("ProjectReference"))
            {
                waiting.Push(Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')));
            }
        }

        return found;
    }
}
