using Orleans.Configuration;
using Orleans.Counters.Postgres.Writing;

namespace Orleans.Counters.Postgres;

/// <summary>
/// Configures an Orleans client (a gateway, or another .NET service) of a counters cluster that keeps
/// its membership in PostgreSQL: what <see cref="CountersClientBuilderExtensions.AddCounters"/> does
/// in memory mode.
/// </summary>
public static class PostgresCountersClientBuilderExtensions
{
    /// <summary>
    /// Adds clustering through PostgreSQL and the events stream the configuration chooses: with
    /// <c>Counters:Streams</c> PostgreSql (the default), events are committed to the durable queue by a
    /// <see cref="DurableEventWriter"/> on the process's one <see cref="PostgresDataSource"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration chooses memory storage.</exception>
    public static IClientBuilder AddPostgresCounters(this IClientBuilder client, IConfiguration configuration)
    {
        var settings = CountersSettings.From(configuration);
        if (settings.Storage != StorageMode.PostgreSql)
        {
            throw new InvalidOperationException(
                $"{CountersRootSettings.StorageKey} is {settings.Storage}: call AddCounters for a cluster in memory.");
        }

        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.Cluster.ClusterId;
            options.ServiceId = settings.Cluster.ServiceId;
        });
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = settings.ConnectionString;
        });
        client.Services.AddPostgresDataSource(settings.ConnectionString!);
        if (settings.Streams != StorageMode.PostgreSql)
        {
            return client.AddCounterStreams();
        }

        client.Services.AddDurableEventWriter(configuration.GetCountersOptions<CountersRootSettings>().IdempotencyWindow);
        return client.AddPostgresStreams(
            CounterStreams.ProviderName,
            PostgresQueueConfiguration.Bind(configuration),
            streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }
}
