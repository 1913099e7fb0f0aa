using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Counters.Postgres.Writing;

/// <summary>Registers the <see cref="DurableEventWriter"/> as the process's <see cref="IEventWriter"/>.</summary>
public static class DurableEventWriterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the writer on the events stream's queue (and so on its <see cref="PostgresDataSource"/>),
    /// remembering event ids for <paramref name="window"/>.
    /// </summary>
    public static IServiceCollection AddDurableEventWriter(this IServiceCollection services, TimeSpan window)
    {
        services.AddSingleton(provider => new DurableEventWriter(
            provider.GetRequiredKeyedService<PostgresEventQueue>(CounterStreams.ProviderName),
            window,
            provider.GetRequiredService<ILogger<DurableEventWriter>>(),
            provider.GetService<TimeProvider>()));
        return services.AddSingleton<IEventWriter>(provider => provider.GetRequiredService<DurableEventWriter>());
    }
}
