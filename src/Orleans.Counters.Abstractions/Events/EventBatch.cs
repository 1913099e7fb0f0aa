namespace Orleans.Counters.Events;

/// <summary>The events of one request for one account: one message on the account's stream.</summary>
[GenerateSerializer, Immutable, Alias("counters.event-batch")]
public sealed record EventBatch([property: Id(0)] string Account, [property: Id(1)] ImmutableArray<CounterEvent> Events)
{
    /// <summary>
    /// When the publisher put the message on the stream (UTC, by its clock): where the freshness lag
    /// starts. Null in messages written before the field existed.
    /// </summary>
    [Id(2)]
    public DateTime? PublishedAt { get; init; }

    // Serialized as a field: a message read from an old payload has no such field, and a default array cannot be
    // serialized again, so the property never answers one.
    [Id(3)]
    private readonly ImmutableArray<string> _traceParents;

    /// <summary>
    /// The W3C trace contexts (<c>traceparent</c>) of the requests whose events the message carries, so
    /// their traces go on in the grain that counts them. Empty in messages written before the field
    /// existed, or published while no trace was exported.
    /// </summary>
    public ImmutableArray<string> TraceParents
    {
        get => _traceParents.IsDefault ? [] : _traceParents;
        init => _traceParents = value;
    }
}
