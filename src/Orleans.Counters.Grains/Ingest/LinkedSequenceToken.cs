using Orleans.Providers.Streams.Common;

namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// An event's position in a durable queue (the row's sequence and the event's index in it), linked to the
/// previous message of its stream: that message's sequence when this one was enqueued, or null when none
/// is known. A consumer that has not applied the previous message knows its stream arrived out of order
/// (docs/exactly-once.md, item 9). Ordered and equal by position only, as the Orleans token it extends.
/// </summary>
[GenerateSerializer, Immutable, Alias("counters.linked-sequence-token")]
public sealed class LinkedSequenceToken : EventSequenceTokenV2
{
    /// <summary>Creates the token of event <paramref name="eventIndex"/> of the row <paramref name="sequenceNumber"/>.</summary>
    public LinkedSequenceToken(long sequenceNumber, int eventIndex, long? previous)
        : base(sequenceNumber, eventIndex) => Previous = previous;

    /// <summary>The sequence of the stream's previous message in the queue; null when none is known.</summary>
    [Id(0)]
    public long? Previous { get; private set; }

    /// <inheritdoc />
    public override string ToString() => $"[LinkedSequenceToken: {SequenceNumber}.{EventIndex}, after {Previous?.ToString() ?? "none"}]";
}
