using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Counters.Postgres.Queue;
using Orleans.Serialization;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>
/// Concurrent writes share commits, yet each keeps its own answer and its all-or-nothing promise: a
/// commit retried after its answer was lost stores nothing twice, and one write PostgreSQL refuses
/// fails alone.
/// </summary>
public sealed class DurableEventWriterTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(EventBatch).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [SkippableFact]
    public async Task ConcurrentWritesAreCommittedOnceEachAndAnIdCountsOnceAcrossThem()
    {
        var queue = await CreateQueueAsync();
        await using var writer = new DurableEventWriter(queue, TimeSpan.FromHours(1), NullLogger<DurableEventWriter>.Instance);
        var run = Guid.NewGuid().ToString("N")[..8];

        // 200 single-event writes at once over 4 accounts; writes 2k and 2k+1 carry the same (account, id).
        var events = Enumerable.Range(0, 200).Select(i => new CounterEvent
        {
            Account = $"acct-{i / 2 % 4}",
            Type = "pageview",
            Timestamp = DateTime.UtcNow,
            Id = $"{run}-{i / 2}",
        });
        var repeats = await Task.WhenAll(events.Select(e => writer.WriteAsync([e], CancellationToken.None)));

        Assert.Equal(100, repeats.Sum());
        Assert.All(repeats, r => Assert.InRange(r, 0, 1));
        var queued = await DrainAsync(queue);
        Assert.Equal(100, queued.Count);
        Assert.Equal(100, queued.Select(e => (e.Account, e.Id)).Distinct().Count());
    }

    [SkippableFact]
    public async Task AWriteThatCannotBeStoredStoresNothing()
    {
        var queue = await CreateQueueAsync();
        await using var writer = new DurableEventWriter(queue, TimeSpan.FromHours(1), NullLogger<DurableEventWriter>.Instance);
        var good = new CounterEvent { Account = "fine", Type = "pageview", Timestamp = DateTime.UtcNow, Id = "a" };
        var tooLong = good with { Account = new string('x', 65), Id = "b" };

        var refused = await Assert.ThrowsAsync<UnstorableEventsException>(() => writer.WriteAsync([good, tooLong], CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.StringDataRightTruncation, refused.SqlState);
        Assert.Empty(await DrainAsync(queue));
        Assert.Equal(0, await writer.WriteAsync([good], CancellationToken.None));
    }

    [SkippableFact]
    public async Task ACommitWhoseAnswerWasLostIsRetriedWithoutEnqueueingItsEventsAgain()
    {
        await using var proxy = new CommitAnswerDroppingProxy(postgres.Require());
        var queue = await CreateQueueAsync(proxy.ConnectionString);
        await using var writer = new DurableEventWriter(queue, TimeSpan.FromHours(1), NullLogger<DurableEventWriter>.Instance);
        var events = IdlessEvents("lost-answer", 3);

        proxy.DropNextCommitAnswer();
        var repeats = await writer.WriteAsync(events, CancellationToken.None);

        Assert.Equal(1, proxy.DroppedCommits);
        Assert.Equal(0, repeats);
        Assert.Equal(events.Select(e => e.Value), (await DrainAsync(queue)).Select(e => e.Value));
    }

    [SkippableFact]
    public async Task ARetryThatFindsTheLostCommitAnswersWithItsRepeats()
    {
        await using var proxy = new CommitAnswerDroppingProxy(postgres.Require());
        var queue = await CreateQueueAsync(proxy.ConnectionString);
        await using var writer = new DurableEventWriter(queue, TimeSpan.FromHours(1), NullLogger<DurableEventWriter>.Instance);
        var seen = new CounterEvent { Account = "repeats", Type = "pageview", Timestamp = DateTime.UtcNow, Id = "seen" };
        Assert.Equal(0, await writer.WriteAsync([seen], CancellationToken.None));

        proxy.DropNextCommitAnswer();
        var repeats = await writer.WriteAsync([seen, seen with { Id = "new" }], CancellationToken.None);

        Assert.Equal(1, proxy.DroppedCommits);
        Assert.Equal(1, repeats);
        var queued = await DrainAsync(queue);
        Assert.Equal(["seen", "new"], queued.Select(e => e.Id));
    }

    [SkippableFact]
    public async Task WhenALostCommitAnswerCannotBeAskedForAgainTheWriteSaysItsOutcomeIsUnknown()
    {
        await using var proxy = new CommitAnswerDroppingProxy(postgres.Require());
        // No pool: the retries must open connections, and find PostgreSQL unreachable.
        var queue = await CreateQueueAsync(proxy.ConnectionString + ";Pooling=false");
        await using var writer = new DurableEventWriter(queue, TimeSpan.FromHours(1), NullLogger<DurableEventWriter>.Instance);
        var events = IdlessEvents("unknown", 2);

        proxy.DropNextCommitAnswer(thenStopListening: true);
        await Assert.ThrowsAsync<CommitOutcomeUnknownException>(() => writer.WriteAsync(events, CancellationToken.None));

        // It was stored: an answer "not processed" would have been false.
        var direct = await CreateQueueAsync(name: queue.Name);
        Assert.Equal(events.Select(e => e.Value), (await DrainAsync(direct)).Select(e => e.Value));
    }

    [SkippableFact]
    public async Task AWritePostgresRefusesFailsAloneAndTheOtherWritesOfItsGroupAreCommittedOnce()
    {
        var connectionString = postgres.Require();
        var queue = await CreateQueueAsync();
        // One committer: while it is busy, every write waits, and the next group holds them all.
        await using var writer = new DurableEventWriter(queue, TimeSpan.FromHours(1), NullLogger<DurableEventWriter>.Instance, committers: 1);
        var good = Enumerable.Range(0, 6)
            .Select(i => new CounterEvent { Account = $"tenant-{i % 3}", Type = "pageview", Timestamp = DateTime.UtcNow, Id = $"good-{i}" })
            .ToList();
        var poisoned = new CounterEvent[]
        {
            new() { Account = "tenant-0", Type = "pageview", Timestamp = DateTime.UtcNow, Id = "fine-beside-poison" },
            new() { Account = "tenant-0", Type = "pageview", Timestamp = DateTime.UtcNow, Id = "nul\0inside" },
        };

        Task<int> blocker;
        Task<int>[] goodWrites;
        Task<int> poisonedWrite;
        await using (var holder = new NpgsqlConnection(connectionString))
        {
            await holder.OpenAsync();
            await using var hold = await holder.BeginTransactionAsync();
            await using (var lockKeys = new NpgsqlCommand("LOCK TABLE counters_commit_key IN SHARE MODE", holder, hold))
            {
                await lockKeys.ExecuteNonQueryAsync();
            }

            blocker = writer.WriteAsync([good[0]], CancellationToken.None);
            await WaitForLockWaitAsync(connectionString);
            goodWrites = [.. good.Skip(1).Take(2).Select(e => writer.WriteAsync([e], CancellationToken.None))];
            poisonedWrite = writer.WriteAsync(poisoned, CancellationToken.None);
            goodWrites = [.. goodWrites, writer.WriteAsync([.. good.Skip(3)], CancellationToken.None)];
            await hold.CommitAsync();
        }

        Assert.Equal(0, await blocker);
        Assert.All(await Task.WhenAll(goodWrites), repeats => Assert.Equal(0, repeats));
        var refused = await Assert.ThrowsAsync<UnstorableEventsException>(() => poisonedWrite);
        Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, refused.SqlState);
        var queued = await DrainAsync(queue);
        Assert.Equal(good.Select(e => e.Id).Order(), queued.Select(e => e.Id).Order());
    }

    private static async Task WaitForLockWaitAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'", connection);
        var waiters = await Eventually.ReadAsync(async () => (long)(await waiting.ExecuteScalarAsync())!, n => n > 0, TimeSpan.FromSeconds(30));
        Assert.Equal(1, waiters);
    }

    private static List<CounterEvent> IdlessEvents(string account, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new CounterEvent { Account = account, Type = "pageview", Timestamp = DateTime.UtcNow, Value = i })];

    /// <summary>A queue of its own, on the server or through <paramref name="connectionString"/> (a proxy's).</summary>
    private async Task<PostgresEventQueue> CreateQueueAsync(string? connectionString = null, string? name = null)
    {
        await PostgresSchema.ApplyAsync(postgres.Require());
        connectionString ??= postgres.Require();
        var options = new PostgresStreamOptions { QueueCount = 2 };
        return new PostgresEventQueue(name ?? "writer-" + Guid.NewGuid().ToString("N")[..8], options, PostgresDataSource.Create(connectionString), Serializer, NullLogger<PostgresEventQueue>.Instance);
    }

    private static async Task<List<CounterEvent>> DrainAsync(PostgresEventQueue queue)
    {
        var events = new List<CounterEvent>();
        for (var q = 0; q < queue.Options.QueueCount; q++)
        {
            foreach (var row in await queue.DequeueAsync(q, 1000))
            {
                events.AddRange(queue.ReadEvents(row.Payload).OfType<EventBatch>().SelectMany(b => b.Events));
            }
        }

        return events;
    }
}
