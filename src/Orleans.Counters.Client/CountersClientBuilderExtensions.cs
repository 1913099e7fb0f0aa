using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Streams;

namespace Orleans.Counters.Client;

/// <summary>Configures an Orleans client (a gateway or another .NET service) that talks to a counters cluster.</summary>
public static class CountersClientBuilderExtensions
{
    /// <summary>
    /// Adds clustering on this machine and the in-memory events stream: the memory storage mode. A
    /// cluster on PostgreSQL needs <c>AddPostgresCounters</c> from the Orleans.Counters.Postgres
    /// package instead, which this library does not depend on.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration chooses PostgreSQL storage.</exception>
    public static IClientBuilder AddCounters(this IClientBuilder client, IConfiguration configuration)
    {
        var settings = CountersSettings.From(configuration);
        if (settings.Storage != StorageMode.Memory)
        {
            throw new InvalidOperationException(
                $"{CountersRootSettings.StorageKey} is {settings.Storage}: reference Orleans.Counters.Postgres and call " +
                "client.AddPostgresCounters(configuration) instead of AddCounters.");
        }

        var cluster = settings.Cluster;
        client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
        return client.AddCounterStreams();
    }

    /// <summary>Adds the in-memory events stream, to publish events on, and the writer that publishes on it.</summary>
    public static IClientBuilder AddCounterStreams(this IClientBuilder client)
    {
        client.Services.TryAddSingleton<IEventWriter, StreamEventWriter>();
        return client.AddMemoryStreams(CounterStreams.ProviderName, streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }
}
