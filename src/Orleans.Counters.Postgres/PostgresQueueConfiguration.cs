namespace Orleans.Counters.Postgres;

/// <summary>The durable events queue's settings, the same on silos, gateways and clients.</summary>
public static class PostgresQueueConfiguration
{
    /// <summary>The options a process using the queue reads, besides the client's (<see cref="CountersClientConfiguration.Options"/>).</summary>
    public static IReadOnlyList<CountersOptionsSection> Options { get; } = [CountersOptionsSection.Of<PostgresStreamOptions>()];

    /// <summary>Binds section <c>Counters:Queue</c>.</summary>
    public static Action<PostgresStreamOptions> Bind(IConfiguration configuration) =>
        options => configuration.GetSection(PostgresStreamOptions.Section).Bind(options);
}
