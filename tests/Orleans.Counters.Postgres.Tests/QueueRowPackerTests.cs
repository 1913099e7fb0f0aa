namespace Orleans.Counters.Postgres.Tests;

/// <summary>How an enqueue's messages are packed into rows, and the position each message gets.</summary>
public sealed class QueueRowPackerTests
{
    private static readonly byte[] Payload = [1];

    [Fact]
    public void TheMessagesOfOneQueueShareOneRowAndEachQueueGetsItsOwn()
    {
        var batch = QueueRowPacker.Pack([0, 1, 0, 0], ["ns", "ns", "ns", "ns"], ["a", "b", "c", "d"], [Payload, Payload, Payload, Payload]);

        Assert.Equal([0, 1], batch.Queues);
        Assert.Equal([1, 2, 1, 1], batch.MessageRows);
        Assert.Equal(["a", "b", "c", "d"], batch.Keys);
    }

    [Fact]
    public void AStreamsSecondMessageGoesToTheQueuesNextRowAndGetsAHigherSequence()
    {
        var batch = QueueRowPacker.Pack([0, 0, 0, 0, 0], ["ns", "ns", "ns", "ns", "ns"], ["a", "b", "a", "a", "c"], [Payload, Payload, Payload, Payload, Payload]);

        Assert.Equal([0, 0, 0], batch.Queues);
        Assert.Equal([1, 1, 2, 3, 1], batch.MessageRows);

        // The queue's counter after the bump is 13: its three rows got 10, 11 and 12.
        var positions = QueueRowPacker.Positions(batch, new Dictionary<int, long> { [0] = 13 });
        Assert.Equal([(0, 10L), (0, 10L), (0, 11L), (0, 12L), (0, 10L)], positions);
    }

    [Fact]
    public void StreamsOfAnotherNamespaceGetARowOfTheirOwn()
    {
        var batch = QueueRowPacker.Pack([3, 3, 3], ["events", "other", "events"], ["a", "a", "b"], [Payload, Payload, Payload]);

        Assert.Equal([3, 3], batch.Queues);
        Assert.Equal(["events", "other"], batch.Namespaces);
        Assert.Equal([1, 2, 1], batch.MessageRows);
        Assert.Equal([(3, 5L), (3, 6L), (3, 5L)], QueueRowPacker.Positions(batch, new Dictionary<int, long> { [3] = 7 }));
    }
}
