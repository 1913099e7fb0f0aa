namespace Orleans.Counters.Postgres.Tests;

/// <summary>
/// A database created by the schema before issue 18 (one message per row) and holding its rows: the
/// current streams.sql converts them, and they are delivered, read back, acknowledged and replayed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OldRowsTests(StreamsDatabase database)
{
    private const string Namespace = "old-rows-tests";
    private const string Provider = "old";

    [SkippableFact]
    public async Task RowsAndDeadLettersWrittenBeforeAreConvertedAndDelivered()
    {
        var connectionString = await CreateDatabaseAsync();
        await ExecuteAsync(connectionString, await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "tests", "Orleans.Counters.Postgres.Tests", "Fixtures", "streams-before-issue-18.sql")));
        var a = StreamId.Create(Namespace, "a");
        var b = StreamId.Create(Namespace, "b");
        await using var dataSource = PostgresDataSource.Create(connectionString);
        {
            var writer = NewQueue(dataSource);
            // As the previous enqueue wrote them: one row per message, the counter past them.
            await ExecuteAsync(connectionString, "INSERT INTO counters_stream_queue (provider, queue_id, next_seq) VALUES ('old', 0, 5)");
            await InsertOldRowAsync(connectionString, "counters_stream_message", 1, "a", writer.CreateMessage(a, [new TestEvent("a1")]).Payload);
            await InsertOldRowAsync(connectionString, "counters_stream_message", 2, "b", writer.CreateMessage(b, [new TestEvent("b1")]).Payload);
            await InsertOldRowAsync(connectionString, "counters_stream_message", 3, "a", writer.CreateMessage(a, [new TestEvent("a2")]).Payload);
            await InsertOldRowAsync(connectionString, "counters_stream_dead_letter", 4, "b", writer.CreateMessage(b, [new TestEvent("b2")]).Payload);
        }

        await StreamsDatabase.ApplySchemaAsync(connectionString);
        await StreamsDatabase.ApplySchemaAsync(connectionString);

        var queue = NewQueue(dataSource);
        Assert.Equal(["a1", "a2"], (await queue.ReadStreamAsync(a, 0, 10)).Select(m => ((TestEvent)Assert.Single(m.Events)).Text));
        var leased = await queue.DequeueAsync(0, 10);
        Assert.Equal([(1L, a, "a1"), (2L, b, "b1"), (3L, a, "a2")], leased.Select(m => (m.Sequence, m.Stream, ((TestEvent)Assert.Single(queue.ReadEvents(m.Payload))).Text)));

        // New rows follow the old ones, and so does a row a gateway of the earlier release still writes;
        // acknowledgements end old and new rows alike. Stream b waits behind its refused dead letter.
        var next = await queue.EnqueueAsync([queue.CreateMessage(a, [new TestEvent("a3")]), queue.CreateMessage(b, [new TestEvent("b3")])]);
        Assert.Equal([(0, 5L), (0, 5L)], next);
        await InsertOldRowAsync(connectionString, "counters_stream_message", 6, "a", queue.CreateMessage(a, [new TestEvent("a4")]).Payload);
        Assert.Equal([(5L, a, "a3"), (6L, a, "a4")], (await queue.DequeueAsync(0, 10)).Select(m => (m.Sequence, m.Stream, ((TestEvent)Assert.Single(queue.ReadEvents(m.Payload))).Text)));
        Assert.Equal(5, await queue.AcknowledgeAsync([(a, 1), (b, 2), (a, 3), (a, 5), (a, 6)]));
        Assert.Equal(0L, (await QueryAsync(connectionString, "SELECT count(*) FROM counters_stream_message"))[0][0]);

        // The old dead letter (refused) is listed, keyed by its stream too now, and replays into a row
        // with the message held behind it.
        var dead = await queue.GetDeadLettersAsync();
        Assert.Equal([(4L, b, "boom"), (5L, b, "waits for dead letter 0:4")], dead.OrderBy(d => d.Sequence).Select(d => (d.Sequence, d.Stream, d.Error)));
        Assert.Equal(5L, Convert.ToInt64((await QueryAsync(connectionString, "SELECT array_length(conkey, 1) FROM pg_constraint WHERE conname = 'counters_stream_dead_letter_pk'"))[0][0]));
        Assert.Equal([(0, 4L), (0, 5L)], await queue.ReplayDeadLettersAsync());
        Assert.Equal([(4L, b), (5L, b)], (await queue.DequeueAsync(0, 10)).Select(m => (m.Sequence, m.Stream)));
    }

    private static PostgresEventQueue NewQueue(PostgresDataSource dataSource) =>
        new(Provider, new PostgresStreamOptions { QueueCount = 1 }, dataSource, StreamsDatabase.Serializer, Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresEventQueue>.Instance);

    private async Task<string> CreateDatabaseAsync()
    {
        var name = "old_rows_" + Guid.NewGuid().ToString("N")[..8];
        await database.QueryAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(database.Require()) { Database = name }.ConnectionString;
    }

    private static Task InsertOldRowAsync(string connectionString, string table, long sequence, string key, byte[] payload) =>
        table == "counters_stream_message"
            ? ExecuteAsync(connectionString, $"INSERT INTO {table} (provider, queue_id, seq, stream_namespace, stream_key, payload) VALUES ('{Provider}', 0, {sequence}, '{Namespace}', '{key}', $1)", payload)
            : ExecuteAsync(connectionString, $"INSERT INTO {table} (provider, queue_id, seq, stream_namespace, stream_key, payload, deliveries, enqueued_at, failures, error) VALUES ('{Provider}', 0, {sequence}, '{Namespace}', '{key}', $1, 1, now(), 3, 'boom')", payload);

    private static async Task ExecuteAsync(string connectionString, string sql, params object[] parameters) => await QueryAsync(connectionString, sql, parameters);

    private static Task<List<object[]>> QueryAsync(string connectionString, string sql, params object[] parameters) =>
        StreamsDatabase.QueryAsync(connectionString, sql, parameters);
}
