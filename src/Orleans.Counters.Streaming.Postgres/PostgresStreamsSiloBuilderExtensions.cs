namespace Orleans.Counters.Streaming.Postgres;

/// <summary>Adds a PostgreSQL stream provider to a silo.</summary>
public static class PostgresStreamsSiloBuilderExtensions
{
    /// <summary>
    /// Adds persistent stream provider <paramref name="name"/> over PostgreSQL, and its
    /// <see cref="PostgresEventQueue"/> (keyed by <paramref name="name"/>). Use
    /// <paramref name="configureStreams"/> for the rest, e.g.
    /// <c>s =&gt; s.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)</c>.
    /// </summary>
    public static ISiloBuilder AddPostgresStreams(
        this ISiloBuilder silo,
        string name,
        Action<PostgresStreamOptions> configureOptions,
        Action<ISiloPersistentStreamConfigurator>? configureStreams = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddPostgresEventQueue(name, configureOptions);
        return silo.AddPersistentStreams(name, PostgresQueueAdapterFactory.Create, streams => configureStreams?.Invoke(streams));
    }
}
