namespace Orleans.Counters.Postgres.Tests;

/// <summary>Reading back one stream's unacknowledged messages, as a consumer that lost them does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadStreamTests(StreamsDatabase database)
{
    private const string Namespace = "read-stream-tests";

    [SkippableFact]
    public async Task AStreamsUnacknowledgedMessagesAreReadInOrderLeasedOrNotWithinTheRange()
    {
        var queue = database.CreateQueue(o => o.QueueCount = 1);
        var mine = StreamId.Create(Namespace, "mine");
        var other = StreamId.Create(Namespace, "other");
        var sent = await queue.EnqueueEachAsync(Enumerable.Range(1, 6).Select(i => queue.CreateMessage(i % 2 == 0 ? other : mine, [new TestEvent("e" + i)])));
        // mine holds sequences 1, 3, 5; other 2, 4, 6. Lease two rows and acknowledge one of mine.
        Assert.Equal(2, (await queue.DequeueAsync(0, 2)).Count);
        await queue.AcknowledgeAsync([(mine, sent[0].Sequence)]);

        var all = await queue.ReadStreamAsync(mine, after: 0, upTo: 6);
        Assert.Equal([3L, 5], all.Select(m => m.Sequence));
        Assert.Equal(["e3", "e5"], all.Select(m => ((TestEvent)Assert.Single(m.Events)).Text));
        Assert.Equal([3L], (await queue.ReadStreamAsync(mine, after: 1, upTo: 4)).Select(m => m.Sequence));
        Assert.Empty(await queue.ReadStreamAsync(mine, after: 5, upTo: 6));
        Assert.Equal([2L, 4, 6], (await queue.ReadStreamAsync(other, after: 0, upTo: 6)).Select(m => m.Sequence));
    }
}
