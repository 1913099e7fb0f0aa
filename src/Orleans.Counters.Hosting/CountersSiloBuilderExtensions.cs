using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Counters.Grains;
using Orleans.Counters.Grains.Counters;
using Orleans.Counters.Grains.Fencing;
using Orleans.Counters.Grains.Ingest;
using Orleans.Counters.Grains.Operations;
using Orleans.Counters.Grains.Rebuild;
using Orleans.Configuration;
using Orleans.Counters.Hosting.Operations;
using Orleans.Counters.Hosting.Storage;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;

namespace Orleans.Counters.Hosting;

/// <summary>Configures a silo that hosts the counter grains, in the storage mode the configuration chooses (<see cref="CountersStorage"/>).</summary>
public static class CountersSiloBuilderExtensions
{
    /// <summary>Adds clustering, grain storage, the events stream and the counter options.</summary>
    public static ISiloBuilder AddCounters(this ISiloBuilder silo, IConfiguration configuration)
    {
        var cluster = CountersSettings.From(configuration).Cluster;
        silo.AddCounterGrainServices(configuration);
        silo.AddCountersTracing(configuration);
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
        return silo.AddCountersStorage(configuration);
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
        silo.Services.AddHostedService<ZoneRebuildResumer>();
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

    /// <summary>Adds the in-memory events stream the ingest grains consume, and the writer that publishes on it.</summary>
    public static ISiloBuilder AddCounterStreams(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton<IEventWriter, StreamEventWriter>();
        // One message per delivery: here the client joins an account's requests before they are published
        // (AccountMessageCoalescer), and the pulling agent gives up on a delivery after Orleans' default
        // MaxEventDeliveryTime with no queue to repair from, so delivering 64 messages in one turn is not tried.
        return silo.AddMemoryStreams(CounterStreams.ProviderName, streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }
}
