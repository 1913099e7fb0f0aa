namespace Orleans.Counters.Postgres.Tests;

/// <summary>A message its consumer refuses becomes a dead letter with the rest of its stream, and comes back in order when replayed.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DeadLetterTests(StreamsDatabase database)
{
    private const string Namespace = "dead-letter-tests";

    [SkippableFact]
    public async Task TheFailureThatReachesMaxDeliveriesMovesTheMessageAndTheRestOfItsStreamOnly()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.MaxDeliveries = 3; });
        var poisoned = Stream("poisoned");
        var other = Stream("other");
        // poisoned: 1, 3, 5; other: 2, 4, 6.
        var sent = await queue.EnqueueEachAsync(Enumerable.Range(1, 6).Select(i => queue.CreateMessage(i % 2 == 1 ? poisoned : other, [new TestEvent("e" + i)])));
        Assert.Equal(6, (await queue.DequeueAsync(0, 4)).Count + (await queue.DequeueAsync(0, 4)).Count);

        // The consumer throws on 3; 1 was applied and waits for its acknowledgement.
        Assert.Equal(DeliveryFailureOutcome.Counted, await queue.RecordFailedDeliveryAsync(poisoned, 3, "boom 1"));
        Assert.Equal(DeliveryFailureOutcome.Counted, await queue.RecordFailedDeliveryAsync(poisoned, 3, "boom 2"));
        Assert.Equal(0, await queue.CountDeadLettersAsync());
        Assert.Equal(DeliveryFailureOutcome.DeadLettered, await queue.RecordFailedDeliveryAsync(poisoned, 3, "boom 3"));
        Assert.Equal(DeliveryFailureOutcome.DeadLettered, await queue.RecordFailedDeliveryAsync(poisoned, 3, "boom 4"));

        var dead = await queue.GetDeadLettersAsync();
        Assert.Equal([3L, 5], dead.Select(d => d.Sequence).Order());
        var poison = dead.Single(d => d.Sequence == 3);
        Assert.Equal((3, "boom 3", 1), (poison.Failures, poison.Error, poison.Deliveries));
        Assert.Equal("waits for dead letter 0:3", dead.Single(d => d.Sequence == 5).Error);
        var left = await database.QueryAsync("SELECT seq FROM counters_stream_message WHERE provider = $1 ORDER BY seq", queue.Name);
        Assert.Equal([1L, 2, 4, 6], left.Select(row => (long)row[0]));

        // A message of the stream enqueued later waits behind the dead letter too, taken out of the row
        // it shares with the other stream, which flows.
        var later = await queue.EnqueueAsync([queue.CreateMessage(poisoned, [new TestEvent("e7")]), queue.CreateMessage(other, [new TestEvent("e8")])]);
        Assert.Equal([later[1].Sequence], (await queue.DequeueAsync(0, 10)).Select(r => r.Sequence));
        Assert.Equal([3L, 5, 7], (await queue.GetDeadLettersAsync()).Select(d => d.Sequence).Order());

        // Read back for a repair, the stream shows its dead letters, refused, in order.
        var stored = await queue.ReadStreamAsync(poisoned, after: 0, upTo: 10);
        Assert.Equal([1L, 3, 5, 7], stored.Select(m => m.Sequence));
        Assert.Equal([false, true, true, true], stored.Select(m => m.Refusal is not null));

        Assert.Equal(4, await queue.AcknowledgeAsync([(poisoned, sent[0].Sequence), (other, sent[1].Sequence), (other, sent[3].Sequence), (other, sent[5].Sequence)]));
        Assert.Equal(DeliveryFailureOutcome.Acknowledged, await queue.RecordFailedDeliveryAsync(poisoned, 1, "late"));
    }

    [SkippableFact]
    public async Task AReplayPutsTheDeadLettersBackUnderTheirOwnSequencesInOrderBeforeLaterMessages()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.MaxDeliveries = 1; });
        var poisoned = Stream("poisoned");
        await queue.EnqueueAsync([.. Enumerable.Range(1, 3).Select(i => queue.CreateMessage(poisoned, [new TestEvent("e" + i)]))]);
        Assert.Equal(3, (await queue.DequeueAsync(0, 10)).Count);
        Assert.Equal(DeliveryFailureOutcome.DeadLettered, await queue.RecordFailedDeliveryAsync(poisoned, 2, "boom"));
        var newer = Assert.Single(await queue.EnqueueAsync([queue.CreateMessage(poisoned, [new TestEvent("e4")])]));
        Assert.Empty(await queue.DequeueAsync(0, 10));
        Assert.Equal([2L, 3, 4], (await queue.GetDeadLettersAsync()).Select(d => d.Sequence).Order());

        // Replaying the one behind it alone brings nothing back for long: it still waits.
        Assert.Equal([(0, 3L), (0, 4L)], await queue.ReplayDeadLettersAsync(0, 3));
        Assert.Empty(await queue.DequeueAsync(0, 10));
        Assert.Equal([2L, 3, 4], (await queue.GetDeadLettersAsync()).Select(d => d.Sequence).Order());

        // Replaying the refused one brings back its stream behind it, at the same positions.
        Assert.Equal([(0, 2L), (0, 3L), (0, 4L)], await queue.ReplayDeadLettersAsync(0, 2));
        Assert.Equal(0, await queue.CountDeadLettersAsync());
        var again = await queue.DequeueAsync(0, 10);
        Assert.Equal([2L, 3, newer.Sequence], again.Select(r => r.Sequence));
        Assert.Equal(["e2", "e3", "e4"], again.Select(r => ((TestEvent)Assert.Single(queue.ReadEvents(r.Payload))).Text));
        Assert.All(again, row => Assert.Equal(1, row.Deliveries));
        Assert.Empty(await queue.ReplayDeadLettersAsync());
    }

    [SkippableFact]
    public async Task ADeadLetterOfLeasesThatGetsAcknowledgedLeavesTheDeadLetters()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.MaxDeliveries = 1; o.VisibilityTimeout = TimeSpan.FromMilliseconds(200); });
        var stream = Stream("slow");
        var sent = await queue.EnqueueAsync([queue.CreateMessage(stream, [new TestEvent("e1")]), queue.CreateMessage(stream, [new TestEvent("e2")])]);
        Assert.Equal(2, (await queue.DequeueAsync(0, 1)).Count + (await queue.DequeueAsync(0, 1)).Count);
        await Eventually.ReadAsync(
            async () =>
            {
                Assert.Empty(await queue.DequeueAsync(0, 10));
                return await queue.CountDeadLettersAsync();
            },
            n => n == 2,
            TimeSpan.FromSeconds(5));

        // Taken by the consumer before (not refused): readable for a repair, and a later acknowledgement ends it.
        var stored = await queue.ReadStreamAsync(stream, after: 0, upTo: 10);
        Assert.Equal([(1L, false), (2L, false)], stored.Select(m => (m.Sequence, m.Refusal is not null)));
        Assert.Equal(0, await queue.AcknowledgeAsync([(stream, sent[0].Sequence)]));
        Assert.Equal([2L], (await queue.GetDeadLettersAsync()).Select(d => d.Sequence));
    }

    private static StreamId Stream(string key) => StreamId.Create(Namespace, key);
}
