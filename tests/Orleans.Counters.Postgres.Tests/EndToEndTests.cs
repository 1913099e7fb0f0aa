using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>The provider inside an Orleans cluster: silos pull the queues and implicit subscribers get every message.</summary>
[Collection(PostgresCollection.Name)]
public sealed class EndToEndTests(StreamsDatabase database)
{
    private const int Streams = 6;
    private const int MessagesPerStream = 10;

    [SkippableFact]
    public async Task MessagesFromTheStreamApiAndFromEnqueueAsyncReachTheImplicitSubscriberInOrder()
    {
        var connectionString = database.Require();
        var provider = StreamsDatabase.UniqueName("e2e");
        var keyPrefix = provider + "-";
        void Configure(PostgresStreamOptions options)
        {
            options.QueueCount = 4;
        }

        await using var cluster = await StartClusterAsync(silos: 2, provider, connectionString, Configure);
        var queue = cluster.Client.ServiceProvider.GetRequiredKeyedService<PostgresEventQueue>(provider);
        var streamProvider = cluster.Client.GetStreamProvider(provider);

        // Per stream, one message at a time, alternating the Orleans producer and the queue's own API;
        // the streams go concurrently.
        var keys = Enumerable.Range(0, Streams).Select(i => keyPrefix + i).ToList();
        var enqueued = new Dictionary<string, long>();
        await Task.WhenAll(keys.Select(async key =>
        {
            var stream = StreamId.Create(TestStreams.Namespace, key);
            for (var i = 0; i < MessagesPerStream; i++)
            {
                var item = new TestEvent($"{key}#{i}");
                if (i % 2 == 0)
                {
                    await streamProvider.GetStream<TestEvent>(stream).OnNextAsync(item);
                }
                else
                {
                    var position = Assert.Single(await queue.EnqueueAsync([queue.CreateMessage(stream, [item])]));
                    lock (enqueued)
                    {
                        enqueued[item.Text] = position.Sequence;
                    }
                }
            }
        }));

        // And one batch with a message for every stream, as a gateway sends a request.
        var last = keys.Select(key => new TestEvent($"{key}#{MessagesPerStream}")).ToList();
        var positions = await queue.EnqueueAsync([.. keys.Zip(last, (key, item) => queue.CreateMessage(StreamId.Create(TestStreams.Namespace, key), [item]))]);
        foreach (var (item, position) in last.Zip(positions))
        {
            enqueued[item.Text] = position.Sequence;
        }

        const int Expected = Streams * (MessagesPerStream + 1);
        var deliveries = await Eventually.ReadAsync(() => Task.FromResult(Deliveries.Of(keyPrefix)), d => d.Count >= Expected, TimeSpan.FromSeconds(30));
        Assert.Equal(Expected, deliveries.Count);

        foreach (var key in keys)
        {
            var received = deliveries.Where(d => d.Key == key).ToList();
            Assert.Equal(Enumerable.Range(0, MessagesPerStream + 1).Select(i => $"{key}#{i}"), received.Select(d => d.Text));
            Assert.All(received.Zip(received.Skip(1)), pair => Assert.True(pair.First.Sequence < pair.Second.Sequence, $"{pair.Second} after {pair.First}"));
            Assert.All(received, d => Assert.Equal(0, d.EventIndex));
        }

        // Each token is its row's sequence: the one EnqueueAsync returned, and for the Orleans producer's
        // messages the row (still there: nothing acknowledged them) that holds that event.
        Assert.All(deliveries.Where(d => enqueued.ContainsKey(d.Text)), d => Assert.Equal(enqueued[d.Text], d.Sequence));
        var rows = await database.QueryAsync(
            "SELECT queue_id, seq, u.stream_key, u.payload FROM counters_stream_message, unnest(stream_keys, payloads) AS u(stream_key, payload) WHERE provider = $1", provider);
        Assert.Equal(Expected, rows.Count);
        var byPosition = rows.ToDictionary(r => ((int)r[0], (long)r[1], (string)r[2]));
        foreach (var delivery in deliveries)
        {
            var row = byPosition[(PostgresStreamQueueMapper.GetQueue(delivery.Key, 4), delivery.Sequence, delivery.Key)];
            Assert.Equal(delivery.Key, (string)row[2]);
            Assert.Equal(new TestEvent(delivery.Text), Assert.Single(queue.ReadPayload((byte[])row[3]).Events));
        }
    }

    [SkippableFact]
    public async Task AnUnacknowledgedMessageIsDeliveredAgainAfterItsLeaseWhileTheCacheHoldsNewerOnes()
    {
        var connectionString = database.Require();
        var provider = StreamsDatabase.UniqueName("redeliver");
        var keyPrefix = provider + "-";
        void Configure(PostgresStreamOptions options)
        {
            options.QueueCount = 1;
            options.VisibilityTimeout = TimeSpan.FromSeconds(2);
        }

        await using var cluster = await StartClusterAsync(silos: 1, provider, connectionString, Configure);
        var queue = cluster.Client.ServiceProvider.GetRequiredKeyedService<PostgresEventQueue>(provider);
        var fast = StreamId.Create(TestStreams.Namespace, keyPrefix + "fast");
        var slow = StreamId.Create(TestStreams.Namespace, keyPrefix + "slow");

        var first = Assert.Single(await queue.EnqueueAsync([queue.CreateMessage(fast, [new TestEvent("fast")])]));
        await Eventually.ReadAsync(() => Task.FromResult(Deliveries.Of(keyPrefix)), d => d.Count == 1);
        await Task.Delay(500);
        // A newer message whose consumer is busy for a while, so that it stays in the agent's cache.
        await queue.EnqueueAsync([queue.CreateMessage(slow, [new TestEvent(TestEvent.SlowPrefix + "slow")])]);

        var deliveries = await Eventually.ReadAsync(
            () => Task.FromResult(Deliveries.Of(keyPrefix + "fast")), d => d.Count >= 2, TimeSpan.FromSeconds(5));
        Assert.Equal([first.Sequence, first.Sequence], deliveries.Take(2).Select(d => d.Sequence));
    }

    // Silos and a client on the provider, with implicit subscriptions only: the recording consumer grain's.
    private static async Task<InProcessTestCluster> StartClusterAsync(short silos, string provider, string connectionString, Action<PostgresStreamOptions> configure)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) => silo.Services.AddPostgresDataSource(connectionString));
        builder.ConfigureSilo((_, silo) => silo.AddPostgresStreams(provider, configure, s => s.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)));
        builder.ConfigureClient(client => client.Services.AddPostgresDataSource(connectionString));
        builder.ConfigureClient(client => client.AddPostgresStreams(provider, configure, s => s.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}
