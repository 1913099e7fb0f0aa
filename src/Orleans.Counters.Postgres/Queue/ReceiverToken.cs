namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// The token of a batch container: its position in its receiver's output, which is what Orleans'
/// pulling agent and cache order by, plus the row's queue sequence for diagnostics. Consumers never
/// see it: the events carry a <see cref="Grains.Ingest.LinkedSequenceToken"/> (queue sequence, index, previous message). A redelivered row keeps
/// its queue sequence but gets a new, higher position, because the cache cannot place a cursor on a
/// token older than the oldest it holds (QueueCacheMissException) and the redelivery would be lost.
/// </summary>
[GenerateSerializer, Immutable, Alias("counters.postgres-receiver-token")]
internal sealed class ReceiverToken : StreamSequenceToken
{
    public ReceiverToken(long position, long queueSequence)
    {
        SequenceNumber = position;
        QueueSequence = queueSequence;
    }

    /// <summary>The position in the receiver's output, from 1.</summary>
    [Id(0)]
    public override long SequenceNumber { get; protected set; }

    /// <summary>Always 0: a container is one position.</summary>
    [Id(1)]
    public override int EventIndex { get; protected set; }

    /// <summary>The row's sequence in its queue.</summary>
    [Id(2)]
    public long QueueSequence { get; private set; }

    public override bool Equals(StreamSequenceToken? other) =>
        other is ReceiverToken token && token.SequenceNumber == SequenceNumber && token.EventIndex == EventIndex;

    public override bool Equals(object? obj) => Equals(obj as StreamSequenceToken);

    public override int GetHashCode() => HashCode.Combine(SequenceNumber, EventIndex);

    public override int CompareTo(StreamSequenceToken? other) => other switch
    {
        null => 1,
        ReceiverToken token => SequenceNumber != token.SequenceNumber ? SequenceNumber.CompareTo(token.SequenceNumber) : EventIndex.CompareTo(token.EventIndex),
        // As Orleans' own tokens do: the agent treats this exception as "incomparable".
        _ => throw new ArgumentOutOfRangeException(nameof(other), other, "Not a PostgreSQL stream receiver token."),
    };

    public override string ToString() => $"[ReceiverToken: position {SequenceNumber}, queue sequence {QueueSequence}]";
}
