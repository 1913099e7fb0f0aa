using Orleans.Counters.Streaming.Postgres;

namespace Orleans.Counters.Client;

/// <summary>Reads the settings every host needs from configuration.</summary>
public sealed record CountersSettings(StorageMode Storage, StorageMode Streams, string? ConnectionString, ClusterSettings Cluster)
{
    /// <summary>The key choosing where grain state and membership live (<see cref="StorageMode"/>).</summary>
    public const string StorageKey = "Counters:Storage";

    /// <summary>
    /// The key choosing the events stream: <see cref="StorageMode.PostgreSql"/> (our durable queue; needs
    /// PostgreSQL storage) or <see cref="StorageMode.Memory"/> (Orleans' memory streams, which lose what
    /// a dying silo had not applied yet). Default: the same as <see cref="StorageKey"/>.
    /// </summary>
    public const string StreamsKey = "Counters:Streams";

    /// <summary>The name of the PostgreSQL connection string (<c>ConnectionStrings:Counters</c>).</summary>
    public const string ConnectionStringName = "Counters";

    /// <summary>Reads and checks the settings; throws with a clear message when PostgreSQL mode lacks its connection string.</summary>
    public static CountersSettings From(IConfiguration configuration)
    {
        var storage = configuration.GetValue(StorageKey, StorageMode.Memory);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (storage == StorageMode.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{StorageKey} is {StorageMode.PostgreSql} but ConnectionStrings:{ConnectionStringName} is not set " +
                "(environment variable ConnectionStrings__Counters).");
        }

        var streams = configuration.GetValue(StreamsKey, storage);
        if (streams == StorageMode.PostgreSql && storage != StorageMode.PostgreSql)
        {
            throw new InvalidOperationException($"{StreamsKey} is {StorageMode.PostgreSql}: set {StorageKey} to {StorageMode.PostgreSql} too.");
        }

        var cluster = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        return new CountersSettings(storage, streams, connectionString, cluster);
    }

    /// <summary>
    /// Settings of the durable events queue, the same on silos, gateways and clients: section
    /// <c>Counters:Queue</c> and the counters connection string.
    /// </summary>
    public Action<PostgresStreamOptions> ConfigureQueue(IConfiguration configuration) => options =>
    {
        configuration.GetSection(PostgresStreamOptions.Section).Bind(options);
        options.ConnectionString = ConnectionString!;
    };
}
