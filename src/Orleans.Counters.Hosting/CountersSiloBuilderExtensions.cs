using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Counters.Grains;
using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Fencing;
using Orleans.Counters.Grains.Ingest;
using Orleans.Counters.Grains.Operations;
using Orleans.Counters.Hosting.Kubernetes;
using Orleans.Counters.Hosting.Operations;
using Orleans.Counters.Postgres.Acknowledgement;
using Orleans.Counters.Postgres.EventIds;
using Orleans.Counters.Postgres.Queue;
using Orleans.Counters.Postgres.Writing;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;

namespace Orleans.Counters.Hosting;

/// <summary>Configures a silo that hosts the counter grains, in the mode the configuration chooses.</summary>
public static class CountersSiloBuilderExtensions
{
    /// <summary>Adds clustering, grain storage, the events stream and the counter options.</summary>
    public static ISiloBuilder AddCounters(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = CountersSettings.From(configuration);
        var cluster = settings.Cluster;
        var kubernetes = configuration.GetCountersOptions<KubernetesSettings>().RequireMembershipIn(settings.Storage);
        silo.AddCounterGrainServices(configuration);
        if (OrleansDashboardSettings.IsEnabled(configuration))
        {
            // The Orleans dashboard's silo half: it profiles grain calls only while someone watches.
            silo.AddDashboard();
        }
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });

        if (settings.Storage == StorageMode.PostgreSql)
        {
            var connectionString = settings.ConnectionString!;
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

        if (settings.Streams == StorageMode.PostgreSql)
        {
            silo.Services.AddSingleton<IEventAcknowledger, PostgresEventAcknowledger>();
            silo.Services.AddDurableEventWriter(configuration.GetCountersOptions<CountersRootSettings>().IdempotencyWindow);
            silo.Services.AddHostedService(provider => new ExpiredKeySweeper(settings.ConnectionString!, provider.GetRequiredService<ILogger<ExpiredKeySweeper>>()));
            return silo.AddPostgresStreams(
                CounterStreams.ProviderName,
                settings.ConfigureQueue(configuration),
                streams =>
                {
                    streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                    // Never give up on a message and go on with the next: the hour counters would drop
                    // the skipped one when it comes back behind a higher position.
                    streams.ConfigurePullingAgent(agent => agent.Configure(o => o.MaxEventDeliveryTime = Timeout.InfiniteTimeSpan));
                });
        }

        return silo.AddCounterStreams();
    }

    /// <summary>Adds what the counter grains need besides storage: their options (section <c>Counters:Grains</c> of <paramref name="configuration"/>), a clock and the crawler list.</summary>
    public static ISiloBuilder AddCounterGrainServices(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<GrainMetrics>();
        silo.Services.TryAddSingleton<IEventAcknowledger, NoAcknowledgement>();
        silo.Services.TryAddSingleton<IBotDetector, CrawlerListDetector>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, BotDetectorWarmUp>();
        silo.Services.TryAddSingleton<ClusterDisturbances>();
        silo.Services.TryAddSingleton<CounterServices>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, MembershipDisturbanceWatcher>();
        silo.Services.AddCountersOptions<CounterOptions>(configuration);
        return silo;
    }

    /// <summary>
    /// Adds the counters' grain storage in memory, written with Orleans' binary serializer: the
    /// default JSON one is slower and cannot read the record-struct keys of the counters' dictionaries.
    /// </summary>
    public static ISiloBuilder AddCounterMemoryStorage(this ISiloBuilder silo, string name = CounterStorage.Name) =>
        silo.AddMemoryGrainStorage(name, builder => builder.Configure<Serializer>((options, serializer) =>
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));

    /// <summary>Adds the in-memory events stream the ingest grains consume.</summary>
    public static ISiloBuilder AddCounterStreams(this ISiloBuilder silo) =>
        silo.AddMemoryStreams(CounterStreams.ProviderName, streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
}
