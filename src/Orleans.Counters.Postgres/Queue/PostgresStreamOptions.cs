namespace Orleans.Counters.Postgres.Queue;

/// <summary>Settings of a PostgreSQL stream provider; silos, clients and gateways of one cluster must agree on them.</summary>
public sealed class PostgresStreamOptions : ICountersOptions<PostgresStreamOptions>
{
    /// <summary>The configuration section the counters hosts bind these settings from.</summary>
    public const string Section = "Counters:Queue";

    /// <summary>The default <see cref="QueueCount"/>.</summary>
    public const int DefaultQueueCount = 8;

    /// <summary>
    /// How many queues (partitions) the provider spreads streams over; each is pulled by one silo at a
    /// time. Changing it remaps streams: drain the queues first.
    /// </summary>
    public int QueueCount { get; set; } = DefaultQueueCount;

    /// <summary>
    /// The most rows a receiver leases in one round trip (a row holds one message per stream of its
    /// enqueue; the receiver hands the cache no more messages than it asks for).
    /// </summary>
    public int DequeueBatchSize { get; set; } = 128;

    /// <summary>
    /// How long a lease hides a row; unacknowledged, it is delivered again after that. A receiver renews the
    /// leases of rows waiting in its cache; a queue whose silo died resumes after at most this long.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a row is delivered at most: when its consumer has failed on it this many times
    /// (<see cref="PostgresEventQueue.RecordFailedDeliveryAsync"/>) it becomes a dead letter with the later
    /// rows of its stream; when it has been leased this many times and its last lease expires
    /// unacknowledged, it becomes a dead letter alone.
    /// </summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>How many times an enqueue is retried after PostgreSQL broke a deadlock or a serialization conflict by aborting it.</summary>
    public int EnqueueAttempts { get; set; } = 3;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">The message says which setting and why.</exception>
    public void Validate()
    {
        var result = new PostgresStreamOptionsValidator().Validate(Options.DefaultName, this);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage);
        }
    }

    static string ICountersOptions<PostgresStreamOptions>.Section => Section;

    static IValidateOptions<PostgresStreamOptions>? ICountersOptions<PostgresStreamOptions>.CreateValidator(string sectionPath) =>
        new PostgresStreamOptionsValidator();
}
