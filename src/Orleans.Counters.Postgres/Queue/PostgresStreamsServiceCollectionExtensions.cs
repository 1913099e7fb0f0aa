using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Orleans.Counters.Postgres.Queue;

/// <summary>Registers a provider's <see cref="PostgresEventQueue"/> for direct use, e.g. by a gateway that enqueues itself.</summary>
public static class PostgresStreamsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PostgresEventQueue"/> as a singleton keyed by <paramref name="name"/>
    /// (<c>GetRequiredKeyedService&lt;PostgresEventQueue&gt;(name)</c>), with its options named likewise.
    /// Needs Orleans' serializer, which silos and clients register, and the process's
    /// <see cref="PostgresDataSource"/> (<see cref="PostgresDataSourceServiceCollectionExtensions.AddPostgresDataSource"/>).
    /// </summary>
    public static IServiceCollection AddPostgresEventQueue(this IServiceCollection services, string name, Action<PostgresStreamOptions> configureOptions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddOptions<PostgresStreamOptions>(name).Configure(configureOptions);
        services.AddKeyedSingleton(name, static (services, key) =>
        {
            var name = (string)key!;
            return new PostgresEventQueue(
                name,
                services.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name),
                services.GetRequiredService<PostgresDataSource>(),
                services.GetRequiredService<Serializer>(),
                services.GetRequiredService<ILogger<PostgresEventQueue>>());
        });
        return services;
    }
}
