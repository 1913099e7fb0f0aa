using System.ComponentModel;
using System.Text.RegularExpressions;

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

    // ${NAME:-default} or ${NAME}: what compose substitutes when NAME is unset.
    [GeneratedRegex(@"\$\{[A-Z_]+(:-(?<default>[^}]*))?\}")]
    private static partial Regex Defaulted();
}
