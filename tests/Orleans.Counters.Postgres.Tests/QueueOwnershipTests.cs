using Microsoft.Extensions.Logging.Abstractions;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>Two live receivers of one queue: the one that took it last reads it, the other reads and renews nothing more.</summary>
[Collection(PostgresCollection.Name)]
public sealed class QueueOwnershipTests(StreamsDatabase database)
{
    private const string Namespace = "ownership-tests";

    [SkippableFact]
    public async Task OnAQuietQueueThePreviousOwnerReadsNothingOnceAnotherReceiverTookItOver()
    {
        var queue = database.CreateQueue(o => o.QueueCount = 1);
        var first = Receiver(queue);
        await first.Initialize(TimeSpan.FromSeconds(5));
        Assert.Empty(await first.GetQueueMessagesAsync(-1, CancellationToken.None));
        var second = Receiver(queue);
        await second.Initialize(TimeSpan.FromSeconds(5));
        // No lease anywhere: the new owner may read at once.
        Assert.Empty(await second.GetQueueMessagesAsync(-1, CancellationToken.None));

        await queue.EnqueueAsync([.. Enumerable.Range(1, 4).Select(i => queue.CreateMessage(Stream("s"), [new TestEvent("e" + i)]))]);

        Assert.Empty(await first.GetQueueMessagesAsync(-1, CancellationToken.None));
        Assert.True(first.Lost);
        Assert.Equal([1L, 2, 3, 4], (await second.GetQueueMessagesAsync(-1, CancellationToken.None)).Select(QueueSequence));
        Assert.False(second.Lost);
        await first.Shutdown(TimeSpan.FromSeconds(5));
        await second.Shutdown(TimeSpan.FromSeconds(5));
    }

    [SkippableFact]
    public async Task ThePreviousOwnersLeasesAreNoLongerRenewedAndTheNewOwnerGetsTheStreamWholeInOrder()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.VisibilityTimeout = TimeSpan.FromMilliseconds(600); });
        await queue.EnqueueAsync([.. Enumerable.Range(1, 4).Select(i => queue.CreateMessage(Stream("s"), [new TestEvent("e" + i)]))]);
        var first = Receiver(queue);
        await first.Initialize(TimeSpan.FromSeconds(5));
        // Rows 1 and 2 wait in the first receiver's cache, which renews their leases.
        Assert.Equal([1L, 2], (await first.GetQueueMessagesAsync(2, CancellationToken.None)).Select(QueueSequence));

        var second = Receiver(queue);
        await second.Initialize(TimeSpan.FromSeconds(5));
        Assert.Empty(await first.GetQueueMessagesAsync(-1, CancellationToken.None));
        Assert.True(first.Lost);

        // The second reads nothing while the first's leases live, then the whole stream, from row 1.
        var read = await Eventually.ReadAsync(() => second.GetQueueMessagesAsync(-1, CancellationToken.None), rows => rows.Count > 0, TimeSpan.FromSeconds(10));
        Assert.Equal([1L, 2, 3, 4], read.Select(QueueSequence));
        var deliveries = await database.QueryAsync("SELECT seq, deliveries, leased_by FROM counters_stream_message WHERE provider = $1 ORDER BY seq", queue.Name);
        Assert.Equal([2, 2, 1, 1], deliveries.Select(row => (int)row[1]));
        Assert.All(deliveries, row => Assert.Equal(second.Holder, (Guid)row[2]));
        await first.Shutdown(TimeSpan.FromSeconds(5));
        await second.Shutdown(TimeSpan.FromSeconds(5));
    }

    [SkippableFact]
    public async Task EachTakeOverRaisesTheQueuesEpoch()
    {
        var queue = database.CreateQueue(o => o.QueueCount = 2);
        var owners = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var receiver = Receiver(queue, queueNumber: 1);
            await receiver.Initialize(TimeSpan.FromSeconds(5));
            owners.Add(receiver.Holder);
            await receiver.Shutdown(TimeSpan.FromSeconds(5));
        }

        var row = Assert.Single(await database.QueryAsync("SELECT queue_id, epoch, owner FROM counters_stream_queue_owner WHERE provider = $1", queue.Name));
        Assert.Equal((1, 3L, owners[^1]), ((int)row[0], (long)row[1], (Guid)row[2]));
    }

    [SkippableFact]
    public async Task AReadThatStartsWhileInitializeTakesTheQueueWaitsForThatTakeInsteadOfTakingItAgain()
    {
        // Orleans' pulling agent starts reading without waiting for the receiver's Initialize. A second
        // take by the same receiver raised the epoch twice; when the first answer was applied last, the
        // receiver held the older epoch, took its own queue for lost and never read it again.
        var queue = database.CreateQueue(o => o.QueueCount = 1);
        await queue.EnqueueAsync([queue.CreateMessage(Stream("s"), [new TestEvent("e")])]);
        var receiver = Receiver(queue);

        var initializing = receiver.Initialize(TimeSpan.FromSeconds(5));
        var read = await receiver.GetQueueMessagesAsync(-1, CancellationToken.None);
        await initializing;

        var owner = Assert.Single(await database.QueryAsync("SELECT epoch, owner FROM counters_stream_queue_owner WHERE provider = $1", queue.Name));
        Assert.Equal((1L, receiver.Holder), ((long)owner[0], (Guid)owner[1]));
        Assert.Equal([1L], read.Select(QueueSequence));
        Assert.False(receiver.Lost);
        await receiver.Shutdown(TimeSpan.FromSeconds(5));
    }

    private static StreamId Stream(string key) => StreamId.Create(Namespace, key);

    private static long QueueSequence(IBatchContainer batch) => batch.GetEvents<object>().First().Item2.SequenceNumber;

    private static PostgresQueueAdapterReceiver Receiver(PostgresEventQueue queue, int queueNumber = 0) =>
        new(queue, queueNumber, NullLogger<PostgresQueueAdapterReceiver>.Instance);
}
