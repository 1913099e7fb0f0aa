using Orleans.Streams;

namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// An event's position in a durable queue (the row's sequence and the event's index in it), linked to the
/// previous message of its stream: that message's sequence when this one was enqueued, or null when none
/// is known. A consumer that has not applied the previous message knows its stream arrived out of order
/// (docs/exactly-once.md, item 9). Ordered and equal by position only, like Orleans' EventSequenceTokenV2.
/// </summary>
[GenerateSerializer, Immutable, Alias("counters.linked-sequence-token")]
public sealed class LinkedSequenceToken : StreamSequenceToken
{
    /// <summary>Creates the token of event <paramref name="eventIndex"/> of the row <paramref name="sequenceNumber"/>.</summary>
    public LinkedSequenceToken(long sequenceNumber, int eventIndex, long? previous)
    {
        SequenceNumber = sequenceNumber;
        EventIndex = eventIndex;
        Previous = previous;
    }

    /// <inheritdoc />
    [Id(0)]
    public override long SequenceNumber { get; protected set; }

    /// <inheritdoc />
    [Id(1)]
    public override int EventIndex { get; protected set; }

    /// <summary>The sequence of the stream's previous message in the queue; null when none is known.</summary>
    [Id(2)]
    public long? Previous { get; private set; }

    /// <inheritdoc />
    public override bool Equals(StreamSequenceToken? other) =>
        other is not null && other.SequenceNumber == SequenceNumber && other.EventIndex == EventIndex;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StreamSequenceToken);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceNumber, EventIndex);

    /// <inheritdoc />
    public override int CompareTo(StreamSequenceToken? other) => other is null
        ? 1
        : SequenceNumber != other.SequenceNumber ? SequenceNumber.CompareTo(other.SequenceNumber) : EventIndex.CompareTo(other.EventIndex);

    /// <inheritdoc />
    public override string ToString() => $"[LinkedSequenceToken: {SequenceNumber}.{EventIndex}, after {Previous?.ToString() ?? "none"}]";
}
