using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Counters.Postgres;

/// <summary>Registers the process's one <see cref="PostgresDataSource"/>.</summary>
public static class PostgresDataSourceServiceCollectionExtensions
{
    /// <summary>Adds the data source of <paramref name="connectionString"/>, unless one is registered already.</summary>
    public static IServiceCollection AddPostgresDataSource(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(_ => PostgresDataSource.Create(connectionString));
        return services;
    }
}
