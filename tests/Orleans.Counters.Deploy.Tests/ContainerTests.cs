using System.ComponentModel;
using Microsoft.Extensions.Hosting;
using Orleans.Counters.Hosting.Operations;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>
/// What the silo and the gateway Deployments have in common: each environment variable is a key the
/// process reads, with a value of its type; probes ask the endpoints the code maps, on the port it
/// serves; pods stop within their grace period; images are those docker-compose.yml builds.
/// </summary>
public sealed class ContainerTests
{
    [Theory]
    [MemberData(nameof(Role.Names), MemberType = typeof(Role))]
    public void EveryEnvironmentVariable_IsAKeyTheProcessReads_WithAValueOfItsType(string name)
    {
        var role = Role.Named(name);
        foreach (var (variable, value) in ContainerEnvironment.Variables(role.Container, Manifests.All.Secret))
        {
            var key = ContainerEnvironment.ConfigurationKey(variable);
            Assert.True(role.Keys.TryGetValue(key, out var type) || role.Keys.TryGetValue(variable, out type), $"The {name} reads no {key} (environment variable {variable}).");
            var converter = TypeDescriptor.GetConverter(type);
            var exception = Record.Exception(() => converter.ConvertFromInvariantString(value));
            Assert.True(exception is null, $"{variable}={value} is no {type.Name}: {exception?.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Role.Names), MemberType = typeof(Role))]
    public void Probes_AskTheHealthEndpoints_OnTheHttpPort(string name)
    {
        var role = Role.Named(name);
        var container = role.Container;
        (V1Probe? Probe, string Path)[] probes =
        [
            (container.StartupProbe, HealthChecks.LivePath),
            (container.LivenessProbe, HealthChecks.LivePath),
            (container.ReadinessProbe, HealthChecks.ReadyPath),
        ];
        foreach (var (probe, path) in probes)
        {
            Assert.NotNull(probe?.HttpGet);
            Assert.Equal(path, probe.HttpGet.Path);
            Assert.Equal(role.HttpPort, ContainerEnvironment.Port(container, probe.HttpGet.Port));
        }

        // A readiness check may take up to HealthChecks.Timeout; the probe must wait longer than that.
        Assert.True(container.ReadinessProbe.TimeoutSeconds > HealthChecks.Timeout.TotalSeconds, $"readiness timeout {container.ReadinessProbe.TimeoutSeconds} s");
    }

    [Theory]
    [MemberData(nameof(Role.Names), MemberType = typeof(Role))]
    public void PrometheusAnnotations_NameTheMetricsEndpoint(string name)
    {
        var role = Role.Named(name);
        var annotations = role.Deployment.Spec.Template.Metadata.Annotations;

        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal(role.HttpPort.ToString(), annotations["prometheus.io/port"]);
        Assert.Equal(CountersMetrics.Path, annotations["prometheus.io/path"]);
    }

    [Theory]
    [MemberData(nameof(Role.Names), MemberType = typeof(Role))]
    public void TheGracePeriod_OutlastsTheHostsShutdownTimeout(string name)
    {
        var grace = Role.Named(name).Deployment.Spec.Template.Spec.TerminationGracePeriodSeconds;

        // The grace period runs from the preStop hook on: the hook's sleep, then the host's whole stop.
        var preStop = Role.Named(name).Container.Lifecycle?.PreStop?.Sleep?.Seconds ?? 0;
        Assert.True(grace >= 30, $"terminationGracePeriodSeconds {grace}");
        Assert.True(grace > preStop + new HostOptions().ShutdownTimeout.TotalSeconds, $"terminationGracePeriodSeconds {grace} leaves the host no time to stop after a {preStop} s preStop sleep");
    }

    [Theory]
    [MemberData(nameof(Role.Names), MemberType = typeof(Role))]
    public void TheDeploymentSelector_MatchesItsPods_AndNoOtherDeployments(string name)
    {
        var role = Role.Named(name);
        var selector = role.Deployment.Spec.Selector;

        Assert.True(Selectors.Matches(selector, role.PodLabels), $"the {name} Deployment's selector misses its own pods");
        Assert.All(Manifests.All.Deployments.Where(d => d != role.Deployment), other =>
            Assert.False(Selectors.Matches(selector, other.Spec.Template.Metadata.Labels), $"the {name} Deployment's selector takes {other.Metadata.Name}'s pods"));
    }

    [Theory]
    [MemberData(nameof(Role.Names), MemberType = typeof(Role))]
    public void TheImage_IsDockerComposes(string name)
    {
        var role = Role.Named(name);

        Assert.Equal(ComposeFile.Image(name), role.Container.Image);
    }

    [Theory]
    [MemberData(nameof(Role.Names), MemberType = typeof(Role))]
    public void TheContainer_RunsAsNonRoot_AndRequestsCpuAndMemory(string name)
    {
        var spec = Role.Named(name).Deployment.Spec.Template.Spec;
        var container = Assert.Single(spec.Containers);

        Assert.True(spec.SecurityContext.RunAsNonRoot);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Contains("cpu", container.Resources.Requests.Keys);
        Assert.Contains("memory", container.Resources.Requests.Keys);
        Assert.Contains("memory", container.Resources.Limits.Keys);
    }
}
