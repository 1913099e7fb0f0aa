using System.Collections.Concurrent;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>Enqueueing: one transaction per batch, and per-queue sequences in commit order.</summary>
[Collection(PostgresCollection.Name)]
public sealed class EnqueueTests(StreamsDatabase database)
{
    private const string Namespace = "enqueue-tests";

    [SkippableFact]
    public async Task TheSchemaCanBeAppliedAgain()
    {
        var connectionString = database.Require();

        await StreamsDatabase.ApplySchemaAsync(connectionString);
        await StreamsDatabase.ApplySchemaAsync(connectionString);

        var tables = await database.QueryAsync("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'counters_stream_%'");
        Assert.Equal(5L, tables[0][0]);
    }

    [SkippableFact]
    public async Task ABatchIsStoredWholeOrNotAtAll()
    {
        var queue = database.CreateQueue(o => o.QueueCount = 4);
        var trigger = "fail_" + queue.Name.Replace('-', '_');
        // A row that fails inside PostgreSQL, after the batch's other rows and counter bumps were written.
        await database.QueryAsync($"""
            CREATE OR REPLACE FUNCTION counters_stream_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'forced failure of %', NEW.seq; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON counters_stream_message FOR EACH ROW
            WHEN (NEW.provider = '{queue.Name}' AND '\xdeadbeef'::bytea = ANY (NEW.payloads))
            EXECUTE FUNCTION counters_stream_test_fail();
            """);
        try
        {
            var first = await queue.EnqueueAsync([Message(queue, "a", "a1"), Message(queue, "b", "b1")]);

            var failing = new[]
            {
                Message(queue, "a", "a2"), Message(queue, "b", "b2"), Message(queue, "c", "c2"),
                new QueueMessage(Stream("d"), [0xde, 0xad, 0xbe, 0xef]),
                Message(queue, "e", "e2"), Message(queue, "f", "f2"),
            };
            Assert.True(failing.Select(m => queue.GetQueue(m.Stream)).Distinct().Count() >= 3);
            var exception = await Assert.ThrowsAsync<PostgresException>(() => queue.EnqueueAsync(failing));
            Assert.Contains("forced failure", exception.MessageText);

            var rows = await database.QueryAsync("SELECT k FROM counters_stream_message, unnest(stream_keys) AS k WHERE provider = $1 ORDER BY k", queue.Name);
            Assert.Equal(["a", "b"], rows.Select(r => (string)r[0]));

            // The counters' bumps were rolled back too: the next message of stream a follows a1 directly.
            var next = await queue.EnqueueAsync([Message(queue, "a", "a3")]);
            Assert.Equal(first[0].Sequence + 1, next[0].Sequence);
        }
        finally
        {
            await database.QueryAsync($"DROP TRIGGER {trigger} ON counters_stream_message");
        }
    }

    [SkippableFact]
    public async Task SequencesStrictlyIncreasePerQueueInEnqueueOrder()
    {
        var queue = database.CreateQueue(o => o.QueueCount = 3);
        var random = new Random(7);
        var sent = new List<(int Queue, long Sequence, string Key, string Text)>();

        for (var batch = 0; batch < 30; batch++)
        {
            var messages = Enumerable.Range(0, random.Next(1, 6))
                .Select(i => (Key: "k" + random.Next(12), Text: $"{batch}.{i}"))
                .ToList();
            var positions = await queue.EnqueueAsync([.. messages.Select(m => Message(queue, m.Key, m.Text))]);
            sent.AddRange(positions.Zip(messages, (p, m) => (p.Queue, p.Sequence, m.Key, m.Text)));
        }

        foreach (var perQueue in sent.GroupBy(s => s.Queue))
        {
            // In enqueue order, a queue's rows are 1, 2, 3, …: increasing and without gaps (a row holds
            // the messages of one batch for several streams, so several messages share a sequence).
            Assert.Equal(Enumerable.Range(1, perQueue.Select(s => s.Sequence).Distinct().Count()).Select(i => (long)i), perQueue.Select(s => s.Sequence).Distinct());
            Assert.All(perQueue, s => Assert.Equal(queue.GetQueue(Stream(s.Key)), s.Queue));
        }

        // A stream's messages get strictly increasing sequences, also two of one batch.
        Assert.All(sent.GroupBy(s => s.Key), perStream => Assert.All(perStream.Zip(perStream.Skip(1)), pair => Assert.True(pair.First.Sequence < pair.Second.Sequence)));
        var stored = await database.QueryAsync(
            "SELECT queue_id, seq, stream_namespace, u.stream_key, u.payload FROM counters_stream_message, unnest(stream_keys, payloads) AS u(stream_key, payload) WHERE provider = $1", queue.Name);
        Assert.Equal(sent.Count, stored.Count);
        var byPosition = stored.ToDictionary(r => ((int)r[0], (long)r[1], (string)r[3]));
        foreach (var message in sent)
        {
            var row = byPosition[(message.Queue, message.Sequence, message.Key)];
            Assert.Equal(Namespace, (string)row[2]);
            Assert.Equal(new TestEvent(message.Text), Assert.Single(queue.ReadPayload((byte[])row[4]).Events));
        }
    }

    [SkippableFact]
    public async Task ConcurrentEnqueuersNeverMakeALowerSequenceVisibleAfterAHigherOne()
    {
        const int Writers = 8;
        const int BatchesPerWriter = 200;
        var queue = database.CreateQueue(o => o.QueueCount = 4);
        using var writing = new CancellationTokenSource();
        var sent = new ConcurrentBag<(int Queue, long Sequence)>();

        // Sequences have no gaps (a rolled-back enqueue rolls its counter back), so "no lower sequence
        // appears after a higher one was visible" means: every snapshot shows each queue's sequences as
        // exactly 1 … max. A reader checks that, on one snapshot per poll, while the writers run.
        var reader = Task.Run(async () =>
        {
            var polls = 0;
            var maxima = new Dictionary<int, long>();
            var growths = 0;
            while (!writing.IsCancellationRequested)
            {
                var rows = await database.QueryAsync(
                    "SELECT queue_id, count(*), max(seq) FROM counters_stream_message WHERE provider = $1 GROUP BY queue_id", queue.Name);
                foreach (var row in rows)
                {
                    var (queueId, count, max) = ((int)row[0], (long)row[1], (long)row[2]);
                    Assert.True(count == max, $"queue {queueId}: sequence {max} is visible but only {count} rows are: a lower sequence is not visible yet");
                    var previous = maxima.GetValueOrDefault(queueId);
                    Assert.True(max >= previous, $"queue {queueId}: max went back from {previous} to {max}");
                    growths += max > previous ? 1 : 0;
                    maxima[queueId] = max;
                }

                polls++;
            }

            return (polls, growths);
        });

        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            for (var batch = 0; batch < BatchesPerWriter; batch++)
            {
                var messages = Enumerable.Range(0, random.Next(1, 4))
                    .Select(i => Message(queue, "acct" + random.Next(24), $"{writer}.{batch}.{i}"))
                    .ToList();
                foreach (var position in await queue.EnqueueAsync(messages))
                {
                    sent.Add(position);
                }
            }
        })).ToList();
        try
        {
            await Task.WhenAll(writers);
        }
        finally
        {
            await writing.CancelAsync();
        }

        var (polls, growths) = await reader;
        Assert.True(polls >= 20 && growths >= 20, $"the reader saw too little of the writing ({polls} polls, {growths} new maxima)");

        var stored = await database.QueryAsync("SELECT queue_id, seq FROM counters_stream_message WHERE provider = $1", queue.Name);
        var rows = sent.Distinct().ToList();
        Assert.Equal(rows.Count, stored.Count);
        Assert.Equal(rows.OrderBy(s => s), stored.Select(r => ((int)r[0], (long)r[1])).OrderBy(s => s));
        foreach (var perQueue in rows.GroupBy(s => s.Queue))
        {
            Assert.Equal(Enumerable.Range(1, perQueue.Count()).Select(i => (long)i), perQueue.Select(s => s.Sequence).Order());
        }

        // Each stream's messages link into one chain in sequence order, whichever writer's came first.
        var links = await database.QueryAsync(
            "SELECT queue_id, u.k, seq, u.p FROM counters_stream_message, unnest(stream_keys, previous_seqs) AS u(k, p) WHERE provider = $1", queue.Name);
        foreach (var stream in links.GroupBy(l => ((int)l[0], (string)l[1])))
        {
            var chain = stream.OrderBy(l => (long)l[2]).ToList();
            Assert.Equal(
                [null, .. chain.SkipLast(1).Select(l => (long?)(long)l[2])],
                chain.Select(l => l[3] is DBNull ? null : (long?)(long)l[3]));
        }
    }

    [SkippableFact]
    public async Task EachMessageLinksToItsStreamsPreviousMessageInTheQueue()
    {
        var queue = database.CreateQueue(o => o.QueueCount = 1);

        await queue.EnqueueAsync([Message(queue, "a", "a1"), Message(queue, "b", "b1")]);
        // A stream's second message of a batch goes to the next row, and links to its first.
        await queue.EnqueueAsync([Message(queue, "a", "a2"), Message(queue, "a", "a3"), Message(queue, "c", "c1")]);
        await queue.EnqueueAsync([Message(queue, "b", "b2")]);

        var leased = await queue.DequeueAsync(0, 10);
        var links = leased.ToDictionary(m => ((TestEvent)queue.ReadEvents(m.Payload)[0]).Text, m => (m.Sequence, m.Previous));
        Assert.Equal((1L, (long?)null), links["a1"]);
        Assert.Equal((1L, (long?)null), links["b1"]);
        Assert.Equal((2L, (long?)1), links["a2"]);
        Assert.Equal((3L, (long?)2), links["a3"]);
        Assert.Equal((2L, (long?)null), links["c1"]);
        Assert.Equal((4L, (long?)1), links["b2"]);
    }

    private static StreamId Stream(string key) => StreamId.Create(Namespace, key);

    private static QueueMessage Message(PostgresEventQueue queue, string key, string text) =>
        queue.CreateMessage(Stream(key), [new TestEvent(text)]);
}
