using Orleans.Configuration;
using Orleans.Counters.Postgres.Queue;
using Orleans.Counters.Postgres.Writing;
using Orleans.Streams;

namespace Orleans.Counters.Client;

/// <summary>Configures an Orleans client (a gateway or another .NET service) that talks to a counters cluster.</summary>
public static class CountersClientBuilderExtensions
{
    /// <summary>Adds clustering and the events stream, in the mode the configuration chooses.</summary>
    public static IClientBuilder AddCounters(this IClientBuilder client, IConfiguration configuration)
    {
        var settings = CountersSettings.From(configuration);
        var cluster = settings.Cluster;
        if (settings.Storage == StorageMode.PostgreSql)
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = settings.ConnectionString;
            });
        }
        else
        {
            client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
        }

        if (settings.Streams != StorageMode.PostgreSql)
        {
            return client.AddCounterStreams();
        }

        client.Services.AddDurableEventWriter(configuration.GetCountersOptions<CountersRootSettings>().IdempotencyWindow);
        return client.AddPostgresStreams(
            CounterStreams.ProviderName,
            settings.ConfigureQueue(configuration),
            streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }

    /// <summary>Adds the in-memory events stream, to publish events on.</summary>
    public static IClientBuilder AddCounterStreams(this IClientBuilder client) =>
        client.AddMemoryStreams(CounterStreams.ProviderName, streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
}
