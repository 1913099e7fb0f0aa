using System.ComponentModel;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Orleans.Counters.Hosting.Operations;

namespace Orleans.Counters.Deploy.Tests;

/// <summary>
/// docker-compose.yml, which no engine runs here: every environment variable it gives the silo and
/// the gateway is a key that process reads, with a value of its type once <c>${…:-default}</c> takes its default.
/// </summary>
public sealed partial class ComposeTests
{
    [Theory]
    [MemberData(nameof(Role.Names), MemberType = typeof(Role))]
    public void EveryEnvironmentVariable_IsAKeyTheProcessReads_WithAValueOfItsType(string name)
    {
        var role = Role.Named(name);
        var environment = ComposeFile.Environment(name);
        Assert.NotEmpty(environment);
        foreach (var (variable, written) in environment)
        {
            var key = ContainerEnvironment.ConfigurationKey(variable);
            Assert.True(role.Keys.TryGetValue(key, out var type) || role.Keys.TryGetValue(variable, out type), $"The {name} reads no {key} (docker-compose.yml: {variable}).");
            var value = Defaulted().Replace(written, match => match.Groups["default"].Value);
            var exception = Record.Exception(() => TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value));
            Assert.True(exception is null, $"{variable}={value} is no {type.Name}: {exception?.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Role.Names), MemberType = typeof(Role))]
    public void TheStopGracePeriod_OutlastsTheHostsShutdownTimeout(string name)
    {
        // Docker sends SIGKILL once the grace period is over; the host cuts its own stop at ShutdownTimeout.
        var written = ComposeFile.Scalar(name, "stop_grace_period");
        Assert.True(written is not null, $"{name} has no stop_grace_period: Docker's default, 10 s, is shorter than the host's stop");
        var grace = ComposeDuration(written);
        var shutdownTimeout = new HostOptions().ShutdownTimeout;
        Assert.True(grace > shutdownTimeout, $"{name}: stop_grace_period {written} leaves the host ({shutdownTimeout.TotalSeconds} s) no time to stop");
    }

    [Fact]
    public void TheGateway_IsPublishedOnLoopback_ByDefault()
    {
        var ports = ComposeFile.Sequence("gateway", "ports");
        Assert.NotEmpty(ports);
        foreach (var port in ports)
        {
            var published = Defaulted().Replace(port, match => match.Groups["default"].Value);
            Assert.StartsWith("127.0.0.1:", published);
        }
    }

    [Theory]
    [MemberData(nameof(Role.Names), MemberType = typeof(Role))]
    public void TheOrleansDashboard_IsOff_UnlessAskedFor(string name)
    {
        // Served without keys it would be open to anyone reaching the gateway: compose must not leave it on by default.
        var variable = OrleansDashboardSettings.EnabledKey.Replace(":", "__", StringComparison.Ordinal);
        Assert.True(ComposeFile.Environment(name).TryGetValue(variable, out var written), $"{name} does not set {variable}; the code's default is on");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create(OrleansDashboardSettings.EnabledKey, (string?)Defaulted().Replace(written, match => match.Groups["default"].Value))])
            .Build();
        Assert.False(OrleansDashboardSettings.IsEnabled(configuration), $"{name}: {variable}={written}");
    }

    // Compose durations: 45s, 1m30s, 500ms.
    private static TimeSpan ComposeDuration(string written) =>
        DurationPart().Matches(written).Aggregate(TimeSpan.Zero, (sum, part) => sum + (part.Groups["unit"].Value switch
        {
            "h" => TimeSpan.FromHours(double.Parse(part.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture)),
            "m" => TimeSpan.FromMinutes(double.Parse(part.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture)),
            "s" => TimeSpan.FromSeconds(double.Parse(part.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture)),
            _ => TimeSpan.FromMilliseconds(double.Parse(part.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture)),
        }));

    [GeneratedRegex(@"(?<number>[0-9.]+)(?<unit>ms|h|m|s)")]
    private static partial Regex DurationPart();

    // ${NAME:-default} or ${NAME}: what compose substitutes when NAME is unset.
    [GeneratedRegex(@"\$\{[A-Z_]+(:-(?<default>[^}]*))?\}")]
    private static partial Regex Defaulted();
}
