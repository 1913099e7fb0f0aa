using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Counters.Grains.Ingest;
using Orleans.Counters.Postgres.Acknowledgement;
using Orleans.Counters.Postgres.EventIds;
using Orleans.Counters.Postgres.Schema;
using Orleans.Counters.Postgres.Writing;

namespace Orleans.Counters.Postgres;

/// <summary>The PostgreSQL parts of a silo: the schema and the durable events stream.</summary>
public static class PostgresCountersSiloBuilderExtensions
{
    /// <summary>
    /// Adds the process's <see cref="PostgresDataSource"/> for <paramref name="connectionString"/> and the
    /// <see cref="PostgresSchemaMigrator"/>, which applies the schema once before the silo starts.
    /// </summary>
    public static IServiceCollection AddPostgresSchema(this IServiceCollection services, string connectionString)
    {
        services.AddPostgresDataSource(connectionString);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresSchemaMigrator>());
        return services;
    }

    /// <summary>
    /// Adds the durable events stream on the process's <see cref="PostgresDataSource"/>: the queue's
    /// stream provider, the acknowledger the ingest grains delete rows with, the writer that commits
    /// events and claims their ids, and the sweeper of expired ids.
    /// </summary>
    public static ISiloBuilder AddPostgresEventsStream(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddSingleton<IEventAcknowledger, PostgresEventAcknowledger>();
        silo.Services.AddDurableEventWriter(configuration.GetCountersOptions<CountersRootSettings>().IdempotencyWindow);
        silo.Services.AddHostedService<ExpiredKeySweeper>();
        return silo.AddPostgresStreams(
            CounterStreams.ProviderName,
            PostgresQueueConfiguration.Bind(configuration),
            streams =>
            {
                streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                // Never give up on a message and go on with the next: the hour counters would drop
                // the skipped one when it comes back behind a higher position.
                streams.ConfigurePullingAgent(agent => agent.Configure(o =>
                {
                    o.MaxEventDeliveryTime = Timeout.InfiniteTimeSpan;
                    o.BatchContainerBatchSize = CounterStreams.DeliveryBatchSize;
                }));
            });
    }
}
