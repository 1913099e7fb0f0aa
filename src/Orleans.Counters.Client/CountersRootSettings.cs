namespace Orleans.Counters.Client;

/// <summary>The keys directly under <c>Counters</c>: where state and events live, and the idempotency window.</summary>
public sealed class CountersRootSettings : ICountersOptions<CountersRootSettings>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Counters";

    /// <summary>The key choosing where grain state and membership live.</summary>
    public const string StorageKey = $"{Section}:{nameof(Storage)}";

    /// <summary>The key choosing the events stream.</summary>
    public const string StreamsKey = $"{Section}:{nameof(Streams)}";

    /// <summary>The key of the idempotency window.</summary>
    public const string IdempotencyWindowKey = $"{Section}:{nameof(IdempotencyWindow)}";

    /// <summary>Where grain state and membership live (<see cref="StorageMode"/>). Default <see cref="StorageMode.Memory"/>.</summary>
    public StorageMode Storage { get; set; } = StorageMode.Memory;

    /// <summary>
    /// The events stream: <see cref="StorageMode.PostgreSql"/> (our durable queue; needs PostgreSQL
    /// storage) or <see cref="StorageMode.Memory"/> (Orleans' memory streams, which lose what a dying
    /// silo had not applied yet). Unset: the same as <see cref="Storage"/>.
    /// </summary>
    public StorageMode? Streams { get; set; }

    /// <summary>How long the durable queue remembers an event's (account, id) to count a retried write once. Default one day.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromDays(1);

    static string ICountersOptions<CountersRootSettings>.Section => Section;

    static IValidateOptions<CountersRootSettings>? ICountersOptions<CountersRootSettings>.CreateValidator(string sectionPath) =>
        new CountersRootSettingsValidator();
}
