using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Counters.Configuration;

/// <summary>Binds and validates <see cref="ICountersOptions{TSelf}"/> types: the one way configuration is read.</summary>
public static class CountersOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its section of <paramref name="configuration"/>, registers
    /// its validator and checks it when the host starts, so a bad value stops the start instead of failing
    /// requests later. The configuration is passed rather than taken from the container because test silos
    /// and clients have none there.
    /// </summary>
    public static OptionsBuilder<TOptions> AddCountersOptions<TOptions>(this IServiceCollection services, IConfiguration configuration)
        where TOptions : class, ICountersOptions<TOptions>, new()
    {
        var section = TOptions.Find(configuration);
        if (TOptions.CreateValidator(section.Path) is { } validator)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(validator));
        }

        return services.AddOptions<TOptions>()
            .Bind(section)
            .ValidateOnStart();
    }

    /// <summary>
    /// Reads <typeparamref name="TOptions"/> before the host is built (to choose what to build), with the
    /// same section, defaults and validator as <see cref="AddCountersOptions{TOptions}"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A value is out of range; the message names its key.</exception>
    public static TOptions GetCountersOptions<TOptions>(this IConfiguration configuration)
        where TOptions : class, ICountersOptions<TOptions>, new()
    {
        var section = TOptions.Find(configuration);
        var options = section.Get<TOptions>() ?? new TOptions();
        var result = TOptions.CreateValidator(section.Path)?.Validate(Options.DefaultName, options);
        if (result is { Failed: true })
        {
            throw new InvalidOperationException(result.FailureMessage);
        }

        return options;
    }
}
