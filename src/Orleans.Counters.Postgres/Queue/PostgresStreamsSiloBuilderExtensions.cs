using Orleans.Runtime.Providers;

namespace Orleans.Counters.Postgres.Queue;

/// <summary>Adds a PostgreSQL stream provider to a silo.</summary>
public static class PostgresStreamsSiloBuilderExtensions
{
    private static readonly StreamRetryBackoff Backoff = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));

    /// <summary>
    /// Adds persistent stream provider <paramref name="name"/> over PostgreSQL, and its
    /// <see cref="PostgresEventQueue"/> (keyed by <paramref name="name"/>). Use
    /// <paramref name="configureStreams"/> for the rest, e.g.
    /// <c>s =&gt; s.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)</c>. The pulling agents
    /// retry failed reads and deliveries after <see cref="StreamRetryBackoff"/> delays of 0.5 to 5 s.
    /// </summary>
    public static ISiloBuilder AddPostgresStreams(
        this ISiloBuilder silo,
        string name,
        Action<PostgresStreamOptions> configureOptions,
        Action<ISiloPersistentStreamConfigurator>? configureStreams = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddPostgresEventQueue(name, configureOptions);
        return silo.AddPersistentStreams(name, PostgresQueueAdapterFactory.Create, streams =>
        {
            streams.ConfigureBackoffProvider((_, _) => (IQueueReaderBackoffProvider)Backoff);
            streams.ConfigureBackoffProvider((_, _) => (IMessageDeliveryBackoffProvider)Backoff);
            configureStreams?.Invoke(streams);
        });
    }
}
