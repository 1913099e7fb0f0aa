namespace Orleans.Counters.Postgres.Tests;

/// <summary>
/// A row holds several streams' messages: each is acknowledged, refused, dead-lettered and replayed on
/// its own, and the row goes with its last pending message.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedRowTests(StreamsDatabase database)
{
    private const string Namespace = "shared-row-tests";

    [SkippableFact]
    public async Task AMessageRefusedInASharedRowBecomesADeadLetterAloneAndTheRowGoesWithTheOthersAcknowledgement()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.MaxDeliveries = 2; });
        var poisoned = Stream("poisoned");
        var other = Stream("other");
        var first = await queue.EnqueueAsync([Message(queue, poisoned, "e1"), Message(queue, other, "e2")]);
        var second = await queue.EnqueueAsync([Message(queue, poisoned, "e3"), Message(queue, other, "e4")]);
        Assert.Equal([(0, 1L), (0, 1L), (0, 2L), (0, 2L)], first.Concat(second));
        Assert.Equal(4, (await queue.DequeueAsync(0, 10)).Count);

        Assert.Equal(DeliveryFailureOutcome.Counted, await queue.RecordFailedDeliveryAsync(poisoned, 1, "boom 1"));
        Assert.Equal(DeliveryFailureOutcome.DeadLettered, await queue.RecordFailedDeliveryAsync(poisoned, 1, "boom 2"));

        var dead = await queue.GetDeadLettersAsync();
        Assert.Equal([(1L, poisoned, "boom 2", 2), (2L, poisoned, "waits for dead letter 0:1", 0)], dead.OrderBy(d => d.Sequence).Select(d => (d.Sequence, d.Stream, d.Error, d.Failures)));
        Assert.Equal(["e1", "e3"], dead.OrderBy(d => d.Sequence).Select(d => Text(queue, d.Payload)));
        Assert.Equal([1L, 2], (await queue.ReadStreamAsync(poisoned, 0, 10)).Select(m => m.Sequence));
        var others = await queue.ReadStreamAsync(other, 0, 10);
        Assert.Equal([(1L, "e2", false), (2L, "e4", false)], others.Select(m => (m.Sequence, ((TestEvent)Assert.Single(m.Events)).Text, m.Refusal is not null)));

        // The other stream's acknowledgements end both rows.
        Assert.Equal(2, await queue.AcknowledgeAsync([(other, 1), (other, 2)]));
        Assert.Empty(await database.QueryAsync("SELECT seq FROM counters_stream_message WHERE provider = $1", queue.Name));

        // Replayed, the refused stream's messages come back in rows of their own, under their positions.
        Assert.Equal([(0, 1L), (0, 2L)], await queue.ReplayDeadLettersAsync(0, 1));
        var again = await queue.DequeueAsync(0, 10);
        Assert.Equal([(1L, "e1"), (2L, "e3")], again.Select(m => (m.Sequence, Text(queue, m.Payload))));
        Assert.All(again, m => Assert.Equal(poisoned, m.Stream));
    }

    [SkippableFact]
    public async Task ADeadLetterReplayedWhileItsRowIsStillThereIsPendingInItAgain()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.MaxDeliveries = 1; o.VisibilityTimeout = TimeSpan.FromMilliseconds(200); });
        var poisoned = Stream("poisoned");
        var other = Stream("other");
        await queue.EnqueueAsync([Message(queue, poisoned, "e1"), Message(queue, other, "e2")]);
        Assert.Equal(2, (await queue.DequeueAsync(0, 10)).Count);
        Assert.Equal(DeliveryFailureOutcome.DeadLettered, await queue.RecordFailedDeliveryAsync(poisoned, 1, "boom"));

        Assert.Equal([(0, 1L)], await queue.ReplayDeadLettersAsync());
        Assert.Equal(0, await queue.CountDeadLettersAsync());
        var stored = Assert.Single(await queue.ReadStreamAsync(poisoned, 0, 10));
        Assert.Equal((1L, null), (stored.Sequence, stored.Refusal));

        // The other stream's acknowledgement leaves the row to the replayed message, which comes with its next lease.
        Assert.Equal(1, await queue.AcknowledgeAsync([(other, 1)]));
        var again = await Eventually.ReadAsync(() => queue.DequeueAsync(0, 10), rows => rows.Count > 0, TimeSpan.FromSeconds(5));
        Assert.Equal([(poisoned, 1L, "e1")], again.Select(m => (m.Stream, m.Sequence, Text(queue, m.Payload))));
        Assert.Equal(1, await queue.AcknowledgeAsync([(poisoned, 1)]));
        Assert.Empty(await database.QueryAsync("SELECT seq FROM counters_stream_message WHERE provider = $1", queue.Name));
    }

    [SkippableFact]
    public async Task ARowLeasedMaxDeliveriesTimesLeavesADeadLetterPerPendingMessage()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.MaxDeliveries = 1; o.VisibilityTimeout = TimeSpan.FromMilliseconds(200); });
        var streams = new[] { Stream("a"), Stream("b"), Stream("c") };
        await queue.EnqueueAsync([.. streams.Select(s => Message(queue, s, "e"))]);
        Assert.Equal(3, (await queue.DequeueAsync(0, 10)).Count);
        Assert.Equal(1, await queue.AcknowledgeAsync([(streams[1], 1)]));

        await Eventually.ReadAsync(
            async () =>
            {
                Assert.Empty(await queue.DequeueAsync(0, 10));
                return await queue.CountDeadLettersAsync();
            },
            n => n == 2,
            TimeSpan.FromSeconds(5));
        Assert.Equal([streams[0], streams[2]], (await queue.GetDeadLettersAsync()).Select(d => d.Stream).OrderBy(s => s.ToString()));
        Assert.Empty(await database.QueryAsync("SELECT seq FROM counters_stream_message WHERE provider = $1", queue.Name));
    }

    private static StreamId Stream(string key) => StreamId.Create(Namespace, key);

    private static QueueMessage Message(PostgresEventQueue queue, StreamId stream, string text) => queue.CreateMessage(stream, [new TestEvent(text)]);

    private static string Text(PostgresEventQueue queue, byte[] payload) => ((TestEvent)Assert.Single(queue.ReadEvents(payload))).Text;
}
