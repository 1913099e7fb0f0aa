using System.IO.Hashing;
using System.Text;
using Orleans.Configuration;

namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// Maps a stream to its queue by a stable hash of the stream key: xxHash32 (seed 0) of the key's UTF-8
/// bytes, modulo the queue count. Silos, clients and a gateway that inserts rows itself compute the
/// same queue with <see cref="GetQueue(StreamId, int)"/>. The queues sit on Orleans' hash ring only so
/// that the default balancer can share them among silos.
/// </summary>
public sealed class PostgresStreamQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly HashRingBasedStreamQueueMapper _ring;
    private readonly QueueId[] _queues;

    /// <summary>Creates the mapper of a provider with <paramref name="queueCount"/> queues.</summary>
    public PostgresStreamQueueMapper(string providerName, int queueCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCount, 1);
        _ring = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = queueCount }, providerName);
        _queues = [.. _ring.GetAllQueues().OrderBy(queue => queue.GetNumericId())];
        for (var i = 0; i < _queues.Length; i++)
        {
            if (_queues[i].GetNumericId() != i)
            {
                throw new InvalidOperationException($"Expected queue ids 0 to {queueCount - 1}, found {_queues[i]}.");
            }
        }
    }

    /// <summary>The queue (0 to <paramref name="queueCount"/> - 1) of a stream; depends on its key only.</summary>
    public static int GetQueue(StreamId stream, int queueCount) => GetQueue(stream.Key.Span, queueCount);

    /// <summary>The queue of the stream whose key is <paramref name="key"/>, e.g. <c>StreamId.Create("events", key)</c>.</summary>
    public static int GetQueue(string key, int queueCount) => GetQueue(Encoding.UTF8.GetBytes(key), queueCount);

    /// <summary>The queue whose rows an Orleans queue id stands for.</summary>
    public static int GetQueue(QueueId queueId) => checked((int)queueId.GetNumericId());

    /// <inheritdoc />
    public IEnumerable<QueueId> GetAllQueues() => _queues;

    /// <inheritdoc />
    public QueueId GetQueueForStream(StreamId streamId) => _queues[GetQueue(streamId, _queues.Length)];

    /// <inheritdoc />
    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) => _ring.GetQueuesForRange(range);

    private static int GetQueue(ReadOnlySpan<byte> key, int queueCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCount, 1);
        return (int)(XxHash32.HashToUInt32(key) % (uint)queueCount);
    }
}
