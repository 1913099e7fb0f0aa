using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Streaming.Postgres;

namespace Orleans.Counters.Client;

/// <summary>Registers the <see cref="DurableEventWriter"/> that <see cref="EventPublisher"/> uses on the durable queue.</summary>
public static class DurableEventWriterServiceCollectionExtensions
{
    /// <summary>Adds the writer, keyed by the events stream's provider name; the idempotency window comes from <see cref="CountersRootSettings.IdempotencyWindow"/>.</summary>
    public static IServiceCollection AddDurableEventWriter(this IServiceCollection services, IConfiguration configuration)
    {
        var window = configuration.GetCountersOptions<CountersRootSettings>().IdempotencyWindow;
        return services.AddKeyedSingleton(CounterStreams.ProviderName, (provider, key) => new DurableEventWriter(
            provider.GetRequiredKeyedService<PostgresEventQueue>(key),
            window,
            provider.GetRequiredService<ILogger<DurableEventWriter>>(),
            provider.GetService<TimeProvider>()));
    }
}
