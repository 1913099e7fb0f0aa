using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Counters.Postgres.Writing;

/// <summary>Registers the <see cref="DurableEventWriter"/> that <see cref="EventPublisher"/> uses on the durable queue.</summary>
public static class DurableEventWriterServiceCollectionExtensions
{
    /// <summary>Adds the writer, keyed by the events stream's provider name, remembering event ids for <paramref name="window"/>.</summary>
    public static IServiceCollection AddDurableEventWriter(this IServiceCollection services, TimeSpan window)
    {
        return services.AddKeyedSingleton(CounterStreams.ProviderName, (provider, key) => new DurableEventWriter(
            provider.GetRequiredKeyedService<PostgresEventQueue>(key),
            window,
            provider.GetRequiredService<ILogger<DurableEventWriter>>(),
            provider.GetService<TimeProvider>()));
    }
}
