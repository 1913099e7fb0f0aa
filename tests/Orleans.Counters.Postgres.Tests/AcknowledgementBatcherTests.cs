using Microsoft.Extensions.Logging.Abstractions;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>Many consumers acknowledging at once, each its own stream's messages of shared rows.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AcknowledgementBatcherTests(StreamsDatabase database)
{
    private const string Namespace = "batcher-tests";

    [SkippableFact]
    public async Task ConcurrentAcknowledgementsOfEveryStreamOfSharedRowsEndTheRows()
    {
        var queue = database.CreateQueue(o => o.QueueCount = 2);
        var streams = Enumerable.Range(0, 40).Select(i => StreamId.Create(Namespace, "s" + i)).ToList();
        var first = await queue.EnqueueAsync([.. streams.Select(s => queue.CreateMessage(s, [new TestEvent("a")]))]);
        var second = await queue.EnqueueAsync([.. streams.Select(s => queue.CreateMessage(s, [new TestEvent("b")]))]);
        Assert.Equal(4, first.Concat(second).Distinct().Count());

        await using var batcher = new AcknowledgementBatcher(queue);
        await Task.WhenAll(streams.Select((s, i) => Task.Run(() => batcher.AcknowledgeAsync([(s, first[i].Sequence), (s, second[i].Sequence)], CancellationToken.None))));

        Assert.Empty(await database.QueryAsync("SELECT seq FROM counters_stream_message WHERE provider = $1", queue.Name));
    }

    [SkippableFact]
    public async Task AFailedStatementFailsEveryCallerInIt()
    {
        var dataSource = PostgresDataSource.Create(database.Require());
        var queue = new PostgresEventQueue(StreamsDatabase.UniqueName("batcher"), new PostgresStreamOptions { QueueCount = 1 }, dataSource, StreamsDatabase.Serializer, NullLogger<PostgresEventQueue>.Instance);
        await using var batcher = new AcknowledgementBatcher(queue);
        await dataSource.DisposeAsync();

        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => batcher.AcknowledgeAsync([(StreamId.Create(Namespace, "s"), 1)], CancellationToken.None));
    }
}
