using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Counters.Hosting;
using Orleans.Counters.Streaming.Postgres;
using Orleans.Serialization;

namespace Orleans.Counters.Grains.Tests;

/// <summary>Concurrent writes share commits, yet each keeps its own answer and its all-or-nothing promise.</summary>
public sealed class DurableEventWriterTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(EventBatch).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [SkippableFact]
    public async Task ConcurrentWritesAreCommittedOnceEachAndAnIdCountsOnceAcrossThem()
    {
        await using var queue = await CreateQueueAsync();
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
        await using var queue = await CreateQueueAsync();
        await using var writer = new DurableEventWriter(queue, TimeSpan.FromHours(1), NullLogger<DurableEventWriter>.Instance);
        var good = new CounterEvent { Account = "fine", Type = "pageview", Timestamp = DateTime.UtcNow, Id = "a" };
        var tooLong = good with { Account = new string('x', 65), Id = "b" };

        await Assert.ThrowsAsync<PostgresException>(() => writer.WriteAsync([good, tooLong], CancellationToken.None));

        Assert.Empty(await DrainAsync(queue));
        Assert.Equal(0, await writer.WriteAsync([good], CancellationToken.None));
    }

    private async Task<PostgresEventQueue> CreateQueueAsync()
    {
        var connectionString = postgres.Require();
        await PostgresSchema.ApplyAsync(connectionString);
        var options = new PostgresStreamOptions { ConnectionString = connectionString, QueueCount = 2 };
        return new PostgresEventQueue("writer-" + Guid.NewGuid().ToString("N")[..8], options, Serializer, NullLogger<PostgresEventQueue>.Instance);
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
