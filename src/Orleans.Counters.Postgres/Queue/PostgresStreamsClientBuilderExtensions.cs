namespace Orleans.Counters.Postgres.Queue;

/// <summary>Adds a PostgreSQL stream provider to an Orleans client, to produce on.</summary>
public static class PostgresStreamsClientBuilderExtensions
{
    /// <summary>
    /// Adds persistent stream provider <paramref name="name"/> over PostgreSQL, and its
    /// <see cref="PostgresEventQueue"/> (keyed by <paramref name="name"/>). Use
    /// <paramref name="configureStreams"/> for the rest, e.g.
    /// <c>s =&gt; s.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)</c>.
    /// </summary>
    public static IClientBuilder AddPostgresStreams(
        this IClientBuilder client,
        string name,
        Action<PostgresStreamOptions> configureOptions,
        Action<IClusterClientPersistentStreamConfigurator>? configureStreams = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Services.AddPostgresEventQueue(name, configureOptions);
        return client.AddPersistentStreams(name, PostgresQueueAdapterFactory.Create, configureStreams);
    }
}
