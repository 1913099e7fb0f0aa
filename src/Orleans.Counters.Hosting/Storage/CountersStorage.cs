using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Counters.Grains;
using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Hosting.Kubernetes;
using Orleans.Counters.Hosting.Operations;
using Orleans.Counters.Keys;
using Orleans.Counters.Postgres;
using Orleans.Counters.Postgres.Keys;
using Orleans.Counters.Postgres.Metrics;
using Orleans.Counters.Postgres.Operations;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Counters.Hosting.Storage;

/// <summary>
/// The one place that reads the storage mode (<c>Counters:Storage</c>, <c>Counters:Streams</c>) and
/// registers everything of that mode, in memory or in PostgreSQL (Orleans.Counters.Postgres): clustering,
/// grain storage, the events stream with its writer, acknowledger and id sweeper, the schema migrator,
/// the key store, the queue's metrics and dead-letter checks. Everything of ours that talks to PostgreSQL
/// shares the process's one <see cref="PostgresDataSource"/>; Orleans' AdoNet clustering and grain storage
/// open their own connections.
/// </summary>
public static class CountersStorage
{
    /// <summary>A silo's clustering, grain storage and events stream.</summary>
    public static ISiloBuilder AddCountersStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = CountersSettings.From(configuration);
        var cluster = settings.Cluster;
        var kubernetes = configuration.GetCountersOptions<KubernetesSettings>().RequireMembershipIn(settings.Storage);
        if (settings.Storage == StorageMode.PostgreSql)
        {
            var connectionString = settings.ConnectionString!;
            silo.Services.AddPostgresSchema(connectionString);
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });

            // Orleans' default grain directory is eventually consistent: after a silo dies, a grain can
            // briefly have two activations, and two activations of an hour would each count part of its
            // messages and overwrite each other's positions. This one keeps a single activation.
#pragma warning disable ORLEANSEXP003 // experimental in Orleans 10
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            silo.AddAdoNetGrainStorage(CounterStorage.Name, builder => builder.Configure<Serializer>((options, serializer) =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
            if (kubernetes.Enabled)
            {
                silo.UseCountersKubernetesHosting(configuration, cluster);
            }
            else
            {
                silo.ConfigureEndpoints(AdvertisedAddress.Of(cluster), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
            }
        }
        else
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            silo.AddCounterMemoryStorage();
            // Counts in memory end with the process: on Ctrl-C there is nothing to hand over, and
            // nowhere left to write it.
            silo.Services.Configure<CounterOptions>(options => options.HandOverOnShutdown = false);
        }

        return settings.Streams == StorageMode.PostgreSql
            ? silo.AddPostgresEventsStream(configuration)
            : silo.AddCounterStreams();
    }

    /// <summary>A gateway's (or another host's) cluster client: clustering and the events stream.</summary>
    public static IClientBuilder AddCountersStorage(this IClientBuilder client, IConfiguration configuration) =>
        CountersSettings.From(configuration).Storage == StorageMode.PostgreSql
            ? client.AddPostgresCounters(configuration)
            : client.AddCounters(configuration);

    /// <summary>
    /// What the gateway keeps beside the cluster: the API keys (PostgreSQL's table, or this process's
    /// memory) and, on the durable queue, the queue's gauges.
    /// </summary>
    public static IServiceCollection AddCountersStorageServices(this IServiceCollection services, CountersSettings settings)
    {
        if (settings.Storage == StorageMode.PostgreSql)
        {
            services.AddPostgresDataSource(settings.ConnectionString!);
            services.AddSingleton<IApiKeyStore, PostgresApiKeyStore>();
        }
        else
        {
            services.AddSingleton<IApiKeyStore, MemoryApiKeyStore>();
        }

        if (settings.Streams == StorageMode.PostgreSql)
        {
            services.AddHostedService<QueueMetrics>();
        }

        return services;
    }

    /// <summary>
    /// The silo process's storage checks: PostgreSQL answers (<see cref="StorageHealthCheck"/>) and, on
    /// the durable queue, its dead letters: a gauge, and readiness failing while there are any.
    /// </summary>
    public static IServiceCollection AddCountersStorageOperations(this IServiceCollection services, CountersSettings settings)
    {
        if (settings.Storage == StorageMode.PostgreSql)
        {
            services.AddPostgresDataSource(settings.ConnectionString!);
        }

        if (settings.Streams == StorageMode.PostgreSql)
        {
            services.AddHostedService<DeadLetterMonitor>();
            services.AddCountersReadinessCheck<DeadLetterHealthCheck>("dead-letters");
        }

        return services;
    }
}
