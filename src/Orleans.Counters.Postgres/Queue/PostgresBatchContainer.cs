using Orleans.Providers.Streams.Common;
using Orleans.Counters.Grains.Ingest;

namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// One row as Orleans delivers it: the events of one stream message. Each event's token is a
/// <see cref="LinkedSequenceToken"/> (row sequence, event index, and the stream's previous message in the
/// queue), which is what consumers receive; the container's own token is its receiver position (see
/// <see cref="ReceiverToken"/>).
/// </summary>
[GenerateSerializer, Alias("counters.postgres-batch-container")]
internal sealed class PostgresBatchContainer : IBatchContainer
{
    [Id(0)]
    private readonly StreamId _streamId;

    [Id(1)]
    private readonly ReceiverToken _token;

    // Kept for silos of the earlier release in the same cluster, which read their events' tokens from it.
    [Id(2)]
    private readonly EventSequenceTokenV2 _eventToken;

    [Id(3)]
    private readonly List<object> _events;

    [Id(4)]
    private readonly Dictionary<string, object>? _requestContext;

    [Id(5)]
    private readonly long? _previous;

    public PostgresBatchContainer(
        StreamId streamId, long queueSequence, long position, List<object> events, Dictionary<string, object>? requestContext, long? previous = null)
    {
        _streamId = streamId;
        _token = new ReceiverToken(position, queueSequence);
        _eventToken = new EventSequenceTokenV2(queueSequence);
        _events = events;
        _requestContext = requestContext;
        _previous = previous;
    }

    public StreamId StreamId => _streamId;

    public StreamSequenceToken SequenceToken => _token;

    /// <summary>The row's sequence in its queue: what consumers see as the token's sequence number.</summary>
    public long QueueSequence => _eventToken.SequenceNumber;

    /// <summary>The sequence of the stream's previous message in the queue when this one was enqueued; null when none is known.</summary>
    public long? Previous => _previous;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        _events
            .Select((item, index) => (Item: item, Index: index))
            .Where(e => e.Item is T)
            .Select(e => Tuple.Create((T)e.Item, (StreamSequenceToken)new LinkedSequenceToken(QueueSequence, e.Index, _previous)));

    public bool ImportRequestContext()
    {
        if (_requestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(_requestContext);
        return true;
    }

    public override string ToString() => $"[PostgresBatchContainer: {_streamId} #{QueueSequence}, {_events.Count} events]";
}
