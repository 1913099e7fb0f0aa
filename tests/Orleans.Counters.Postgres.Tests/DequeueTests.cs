using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>Leasing, redelivery, acknowledgement and dead letters.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DequeueTests(StreamsDatabase database)
{
    private const string Namespace = "dequeue-tests";

    [SkippableFact]
    public async Task TheReceiverLeasesInSequenceOrderAndAtMostDequeueBatchSize()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.DequeueBatchSize = 4; });
        var sent = new List<(StreamId Stream, string Text)>();
        foreach (var batch in Enumerable.Range(0, 3))
        {
            var messages = Enumerable.Range(0, batch + 2).Select(i => (Stream: Stream("s" + (i % 3)), Text: $"{batch}.{i}")).ToList();
            await queue.EnqueueEachAsync(messages.Select(m => queue.CreateMessage(m.Stream, [new TestEvent(m.Text)])));
            sent.AddRange(messages);
        }

        var receiver = Receiver(queue);
        var first = await receiver.GetQueueMessagesAsync(-1, CancellationToken.None);
        var second = await receiver.GetQueueMessagesAsync(2, CancellationToken.None);
        var third = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        var fourth = await receiver.GetQueueMessagesAsync(-1, CancellationToken.None);

        Assert.Equal([1L, 2, 3, 4], first.Select(QueueSequence));
        Assert.Equal([5L, 6], second.Select(QueueSequence));
        Assert.Equal([7L, 8, 9], third.Select(QueueSequence));
        Assert.Empty(fourth);
        var delivered = first.Concat(second).Concat(third).ToList();
        Assert.Equal(sent.Select(s => s.Stream), delivered.Select(b => b.StreamId));
        Assert.All(delivered.Zip(delivered.Skip(1)), pair => Assert.True(pair.First.SequenceToken.Older(pair.Second.SequenceToken)));
        for (var i = 0; i < delivered.Count; i++)
        {
            var (item, token) = Assert.Single(delivered[i].GetEvents<TestEvent>());
            Assert.Equal(sent[i].Text, item.Text);
            Assert.Equal((i + 1L, 0), (token.SequenceNumber, token.EventIndex));
        }
    }

    [SkippableFact]
    public async Task ARowIsNotPassedOverWhenTheEnqueueOfTheNextOneBeganFirst()
    {
        // A queue's sequences follow its counter lock, not when the enqueues began: the one that takes
        // sequence 2 may have begun before the one that takes 1 (a group commit claims its ids first). A
        // dequeue judges visibility by its own clock, now(), its transaction's start, which comes before its
        // snapshot. Rows visible from their enqueue's start let a dequeue whose clock fell between the two see
        // row 2 without row 1: the stream's consumer then got them out of order.
        var queue = database.CreateQueue(o => o.QueueCount = 1);
        await using var secondConnection = await queue.Database.Source.OpenConnectionAsync();
        await using var second = await secondConnection.BeginTransactionAsync();
        await ExecuteAsync(secondConnection, "SELECT now()");
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        await using var readerConnection = await queue.Database.Source.OpenConnectionAsync();
        await using var reader = await readerConnection.BeginTransactionAsync();
        await ExecuteAsync(readerConnection, "SELECT now()");
        await Task.Delay(TimeSpan.FromMilliseconds(20));

        Assert.Equal([(0, 1L)], await queue.EnqueueAsync([queue.CreateMessage(Stream("a"), [new TestEvent("first")])]));
        Assert.Equal([(0, 2L)], await queue.EnqueueAsync([queue.CreateMessage(Stream("a"), [new TestEvent("second")])], second));
        await second.CommitAsync();

        // The receiver's own statement, run where its clock reads before the first enqueue began.
        await using var dequeue = new NpgsqlCommand(PostgresStreamSql.Dequeue, readerConnection);
        dequeue.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queue.Name });
        dequeue.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 0 });
        dequeue.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 10 });
        dequeue.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = TimeSpan.FromSeconds(30), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval });
        dequeue.Parameters.Add(new NpgsqlParameter<int> { TypedValue = queue.Options.MaxDeliveries });
        dequeue.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        dequeue.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        var leased = new List<long>();
        await using (var rows = await dequeue.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                leased.Add(rows.GetInt64(1));
            }
        }

        Assert.Equal([1L, 2L], leased.Order());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteScalarAsync();
    }

    [SkippableFact]
    public async Task ALeasedRowIsNotDeliveredAgainUntilItsLeaseExpires()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.VisibilityTimeout = TimeSpan.FromSeconds(1); });
        await queue.EnqueueAsync([.. Enumerable.Range(0, 3).Select(i => queue.CreateMessage(Stream("s"), [new TestEvent("e" + i)]))]);
        var receiver = Receiver(queue);

        var leased = await receiver.GetQueueMessagesAsync(-1, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        // Orleans calls this when its cache purges them: it must not acknowledge them.
        await receiver.MessagesDeliveredAsync(leased, CancellationToken.None);
        Assert.Empty(await receiver.GetQueueMessagesAsync(-1, CancellationToken.None));

        var again = await Eventually.ReadAsync(() => queue.DequeueAsync(0, 10), rows => rows.Count > 0, TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(800), $"redelivered after {clock.Elapsed}");
        Assert.Equal(leased.Select(QueueSequence), again.Select(r => r.Sequence));
        Assert.All(again, row => Assert.Equal(2, row.Deliveries));
    }

    [SkippableFact]
    public async Task AnAcknowledgedMessageIsNeverDeliveredAgainAndItsRowGoesWithItsLastMessage()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 2; o.VisibilityTimeout = TimeSpan.FromMilliseconds(300); });
        var streams = Enumerable.Range(0, 6).Select(i => Stream("s" + i)).ToList();
        var positions = await queue.EnqueueAsync([.. streams.Select((s, i) => queue.CreateMessage(s, [new TestEvent("e" + i)]))]);
        // One row per queue: both rows' messages are leased with them.
        Assert.Equal(2, positions.Distinct().Count());
        var leased = (await queue.DequeueAsync(0, 10)).Concat(await queue.DequeueAsync(1, 10)).ToList();
        Assert.Equal(6, leased.Count);

        var acknowledged = streams.Zip(positions, (s, p) => (s, p.Sequence)).Take(4).ToList();
        Assert.Equal(4, await queue.AcknowledgeAsync(acknowledged));
        Assert.Equal(0, await queue.AcknowledgeAsync(acknowledged));

        await Task.Delay(400);
        var redelivered = (await queue.DequeueAsync(0, 10)).Concat(await queue.DequeueAsync(1, 10)).Select(r => (r.Stream, r.Queue, r.Sequence));
        Assert.Equal(streams.Zip(positions, (s, p) => (s, p.Queue, p.Sequence)).Skip(4).OrderBy(m => m.ToString()), redelivered.OrderBy(m => m.ToString()));
        var stored = await database.QueryAsync("SELECT count(*) FROM counters_stream_message WHERE provider = $1", queue.Name);
        Assert.Equal((long)positions.Skip(4).Distinct().Count(), stored[0][0]);

        Assert.Equal(2, await queue.AcknowledgeAsync(streams.Zip(positions, (s, p) => (s, p.Sequence)).Skip(4)));
        stored = await database.QueryAsync("SELECT count(*) FROM counters_stream_message WHERE provider = $1", queue.Name);
        Assert.Equal(0L, stored[0][0]);
    }

    [SkippableFact]
    public async Task ARowDeliveredMaxDeliveriesTimesBecomesADeadLetterExactlyOnce()
    {
        var logger = new RecordingLogger<PostgresEventQueue>();
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.MaxDeliveries = 2; o.VisibilityTimeout = TimeSpan.FromMilliseconds(200); }, logger);
        var poison = Stream("poison");
        var positions = await queue.EnqueueAsync([queue.CreateMessage(poison, [new TestEvent("bad")]), queue.CreateMessage(Stream("fine"), [new TestEvent("good")])]);

        var firstLease = await queue.DequeueAsync(0, 10);
        Assert.Equal(2, firstLease.Count);
        await queue.AcknowledgeAsync([(Stream("fine"), positions[1].Sequence)]);
        var deliveries = new List<int> { firstLease[0].Deliveries };
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(250);
            deliveries.AddRange((await queue.DequeueAsync(0, 10)).Select(r => r.Deliveries));
        }

        Assert.Equal([1, 2], deliveries);
        Assert.Equal(1, await queue.CountDeadLettersAsync());
        var dead = Assert.Single(await queue.GetDeadLettersAsync());
        Assert.Equal((0, positions[0].Sequence, poison, 2), (dead.Queue, dead.Sequence, dead.Stream, dead.Deliveries));
        Assert.Equal(new TestEvent("bad"), Assert.Single(queue.ReadPayload(dead.Payload).Events));
        Assert.True(dead.DeadAt >= dead.EnqueuedAt);
        var left = await database.QueryAsync("SELECT count(*) FROM counters_stream_message WHERE provider = $1", queue.Name);
        Assert.Equal(0L, left[0][0]);
        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(poison.ToString(), error.Message);
        Assert.Contains($"message {positions[0].Sequence} ", error.Message);
    }

    [SkippableFact]
    public async Task AReceiverShuttingDownEndsItsLeases()
    {
        var queue = database.CreateQueue(o => o.QueueCount = 1);
        await queue.EnqueueAsync([.. Enumerable.Range(0, 3).Select(i => queue.CreateMessage(Stream("s"), [new TestEvent("e" + i)]))]);
        var receiver = Receiver(queue);
        Assert.Equal(3, (await receiver.GetQueueMessagesAsync(-1, CancellationToken.None)).Count);
        Assert.Empty(await queue.DequeueAsync(0, 10));

        await receiver.Shutdown(TimeSpan.FromSeconds(5));

        var again = await queue.DequeueAsync(0, 10);
        Assert.Equal([1L, 2, 3], again.Select(r => r.Sequence));
        Assert.All(again, row => Assert.Equal(2, row.Deliveries));
    }

    [SkippableFact]
    public async Task RowsWaitingInTheCacheKeepTheirLeasesUntilDelivered()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.VisibilityTimeout = TimeSpan.FromSeconds(1); });
        await queue.EnqueueAsync([.. Enumerable.Range(0, 3).Select(i => queue.CreateMessage(Stream("s"), [new TestEvent("e" + i)]))]);
        var receiver = Receiver(queue);
        await receiver.Initialize(TimeSpan.FromSeconds(5));
        var leased = await receiver.GetQueueMessagesAsync(-1, CancellationToken.None);
        Assert.Equal(3, leased.Count);

        // Three visibility timeouts: without renewals the rows would be visible again.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(await queue.DequeueAsync(0, 10));

        await receiver.MessagesDeliveredAsync(leased, CancellationToken.None);
        var again = await Eventually.ReadAsync(() => queue.DequeueAsync(0, 10), rows => rows.Count > 0, TimeSpan.FromSeconds(5));
        Assert.Equal([1L, 2, 3], again.Select(r => r.Sequence));
        Assert.All(again, row => Assert.Equal(2, row.Deliveries));
        await receiver.Shutdown(TimeSpan.FromSeconds(5));
    }

    [SkippableFact]
    public async Task AfterAFailedReadTheReceiverGivesBackWhatThatReadLeasedAndKeepsTheOrder()
    {
        var queue = database.CreateQueue(o => { o.QueueCount = 1; o.DequeueBatchSize = 2; });
        await queue.EnqueueAsync([.. Enumerable.Range(0, 6).Select(i => queue.CreateMessage(Stream("s"), [new TestEvent("e" + i)]))]);
        var receiver = (PostgresQueueAdapterReceiver)Receiver(queue);
        Assert.Equal([1L, 2], (await receiver.GetQueueMessagesAsync(-1, CancellationToken.None)).Select(QueueSequence));

        // A read whose rows were leased in the receiver's name but whose answer never arrived ...
        Assert.Equal([3L, 4], (await queue.DequeueAsync(0, 2, receiver.Holder)).Select(r => r.Sequence));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receiver.GetQueueMessagesAsync(-1, cancelled.Token));

        // ... comes back before anything later, with that delivery uncounted; rows 1 and 2 stay leased.
        var next = await receiver.GetQueueMessagesAsync(-1, CancellationToken.None);
        var rest = await receiver.GetQueueMessagesAsync(-1, CancellationToken.None);
        Assert.Equal([3L, 4, 5, 6], next.Concat(rest).Select(QueueSequence));
        var deliveries = await database.QueryAsync("SELECT seq, deliveries FROM counters_stream_message WHERE provider = $1 ORDER BY seq", queue.Name);
        Assert.Equal([1, 1, 1, 1, 1, 1], deliveries.Select(row => (int)row[1]));
    }

    [SkippableFact]
    public async Task TheReceiverHandsOutARowsMessagesAsContainersOfTheirOwnNeverMoreThanTheCacheAsksFor()
    {
        var queue = database.CreateQueue(o => o.QueueCount = 1);
        var streams = Enumerable.Range(0, 5).Select(i => Stream("s" + i)).ToList();
        await queue.EnqueueAsync([.. streams.Select((s, i) => queue.CreateMessage(s, [new TestEvent("e" + i)]))]);
        await queue.EnqueueAsync([queue.CreateMessage(streams[0], [new TestEvent("later")])]);
        var receiver = Receiver(queue);

        // A cache given more than it asked for throws on the rest: what does not fit waits in the receiver.
        var reads = new List<IList<IBatchContainer>>();
        for (var i = 0; i < 4; i++)
        {
            reads.Add(await receiver.GetQueueMessagesAsync(2, CancellationToken.None));
        }

        Assert.Equal([2, 2, 2, 0], reads.Select(r => r.Count));
        var delivered = reads.SelectMany(r => r).ToList();
        Assert.Equal([.. streams, streams[0]], delivered.Select(b => b.StreamId));
        Assert.Equal([1L, 1, 1, 1, 1, 2], delivered.Select(QueueSequence));
        Assert.All(delivered.Zip(delivered.Skip(1)), pair => Assert.True(pair.First.SequenceToken.Older(pair.Second.SequenceToken)));
    }

    private static StreamId Stream(string key) => StreamId.Create(Namespace, key);

    private static long QueueSequence(IBatchContainer batch) => batch.GetEvents<object>().First().Item2.SequenceNumber;

    private static IQueueAdapterReceiver Receiver(PostgresEventQueue queue) =>
        new PostgresQueueAdapterReceiver(queue, 0, NullLogger<PostgresQueueAdapterReceiver>.Instance);
}
