namespace Orleans.Counters.Postgres.Tests;

/// <summary>The stream → queue mapping that silos, clients and gateways share.</summary>
public sealed class QueueMappingTests
{
    [Fact]
    public void AStreamMapsToXxHash32OfItsKeyModuloTheQueueCount()
    {
        // XXH32("abc", seed 0) = 0x32D153FF, a published test vector: any language can compute the queue.
        Assert.Equal((int)(0x32D153FFu % 8), PostgresStreamQueueMapper.GetQueue("abc", 8));
        Assert.Equal((int)(0x32D153FFu % 1000), PostgresStreamQueueMapper.GetQueue("abc", 1000));
        Assert.Equal((int)(0x02CC5D05u % 7), PostgresStreamQueueMapper.GetQueue("", 7));
    }

    [Fact]
    public void TheQueueDependsOnTheStreamKeyOnly()
    {
        foreach (var key in new[] { "acme", "globex", "initech", "ümlaut-ß", "" })
        {
            var expected = PostgresStreamQueueMapper.GetQueue(key, 8);
            Assert.Equal(expected, PostgresStreamQueueMapper.GetQueue(StreamId.Create("events", key), 8));
            Assert.Equal(expected, PostgresStreamQueueMapper.GetQueue(StreamId.Create("another-namespace", key), 8));
        }
    }

    [Fact]
    public void TheAdaptersMapperAgreesWithTheStaticFunction()
    {
        var mapper = new PostgresStreamQueueMapper("provider", 8);

        Assert.Equal(Enumerable.Range(0, 8), mapper.GetAllQueues().Select(PostgresStreamQueueMapper.GetQueue));
        for (var i = 0; i < 200; i++)
        {
            var stream = StreamId.Create("events", "account-" + i);
            Assert.Equal(PostgresStreamQueueMapper.GetQueue(stream, 8), PostgresStreamQueueMapper.GetQueue(mapper.GetQueueForStream(stream)));
        }
    }

    [Fact]
    public void KeysSpreadEvenlyOverAllQueues()
    {
        const int Queues = 8;
        const int Keys = 8_000;

        var perQueue = Enumerable.Range(0, Keys)
            .GroupBy(i => PostgresStreamQueueMapper.GetQueue("account-" + i, Queues))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Enumerable.Range(0, Queues), perQueue.Keys.Order());
        Assert.All(perQueue.Values, count => Assert.InRange(count, Keys / Queues * 85 / 100, Keys / Queues * 115 / 100));
    }
}
