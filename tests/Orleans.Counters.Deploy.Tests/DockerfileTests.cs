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
}
