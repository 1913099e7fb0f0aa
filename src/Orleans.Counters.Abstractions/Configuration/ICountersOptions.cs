using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Orleans.Counters.Configuration;

/// <summary>
/// An options type of the counters hosts: it names its configuration section once, and its validator,
/// so that <see cref="CountersOptionsExtensions"/> binds and checks it the same way whether it is read
/// through dependency injection or before the host is built.
/// </summary>
/// <typeparam name="TSelf">The options type itself.</typeparam>
public interface ICountersOptions<TSelf>
    where TSelf : class, ICountersOptions<TSelf>, new()
{
    /// <summary>The configuration section, such as <c>Counters:Queue</c>.</summary>
    static abstract string Section { get; }

    /// <summary>The section to bind: <see cref="Section"/>, unless the type still reads an older one.</summary>
    static virtual IConfigurationSection Find(IConfiguration configuration) => configuration.GetSection(TSelf.Section);

    /// <summary>The validator whose messages name the keys under <paramref name="sectionPath"/>; none when every value is acceptable.</summary>
    static virtual IValidateOptions<TSelf>? CreateValidator(string sectionPath) => null;
}
