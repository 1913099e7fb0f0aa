using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Counters.Grains.Ingest;
using Orleans.Counters.Hosting;
using Orleans.Counters.Hosting.Operations;
using Orleans.Counters.Postgres.Queue;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// A message the ingest grain fails on every time, on the durable queue in a real PostgreSQL: it
/// becomes a dead letter after MaxDeliveries failures, with its stream's later messages, while the
/// other streams of its queue flow; readiness and the gauge show it, and a replay counts it exactly once.
/// </summary>
public sealed class PoisonMessageTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const int MaxDeliveries = 3;
    private const int PerBystander = 15;
    private static readonly DateTime At = new(2025, 11, 3, 14, 20, 0, DateTimeKind.Utc);

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(EventBatch).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [SkippableFact]
    public async Task APoisonMessageGoesToTheDeadLettersWithItsStreamWhileTheQueuesOtherStreamsFlowAndAReplayCountsItOnce()
    {
        var connectionString = postgres.Require();
        await PostgresSchema.ApplyAsync(connectionString);
        void Configure(PostgresStreamOptions options)
        {
            // One queue: the poisoned stream and the others share a partition.
            options.QueueCount = 1;
            options.MaxDeliveries = MaxDeliveries;
            options.VisibilityTimeout = TimeSpan.FromSeconds(5);
        }

        var detector = new PoisonDetector();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCounterGrainServices(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
                .AddCounterMemoryStorage()
                .AddPostgresStreams(CounterStreams.ProviderName, Configure, streams =>
                {
                    streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                    // As in production: the agent never gives up on a message by itself, and hands a stream's
                    // messages over together (a poison message among them fails the whole delivery).
                    streams.ConfigurePullingAgent(agent => agent.Configure(o =>
                    {
                        o.MaxEventDeliveryTime = Timeout.InfiniteTimeSpan;
                        o.BatchContainerBatchSize = CounterStreams.DeliveryBatchSize;
                    }));
                });
            silo.Services.AddPostgresDataSource(connectionString);
            silo.Services.AddSingleton<IEventAcknowledger, PostgresEventAcknowledger>();
            silo.Services.AddSingleton<IBotDetector>(detector);
            // A small cache: a consumer stuck on one message holds its buckets, and under that
            // back-pressure the agent stops reading the queue: every stream of the partition stalls.
            silo.Services.Configure<SimpleQueueCacheOptions>(CounterStreams.ProviderName, cache => cache.CacheSize = 20);
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var options = new PostgresStreamOptions();
        Configure(options);
        await using var database = PostgresDataSource.Create(connectionString);
        var queue = new PostgresEventQueue(CounterStreams.ProviderName, options, database, Serializer, NullLogger<PostgresEventQueue>.Instance);

        // victim: fine, poison, fine; three bystanders interleaved in the one queue, most messages after the poison.
        string[] bystanders = ["bystander-0", "bystander-1", "bystander-2"];
        var messages = new List<QueueMessage>
        {
            Message(queue, "victim", poisoned: false),
            Message(queue, bystanders[0], poisoned: false),
            Message(queue, "victim", poisoned: true),
            Message(queue, bystanders[1], poisoned: false),
            Message(queue, "victim", poisoned: false),
            Message(queue, bystanders[2], poisoned: false),
        };
        messages.AddRange(Enumerable.Range(1, PerBystander - 1).SelectMany(_ => bystanders.Select(b => Message(queue, b, poisoned: false))));
        var sent = await queue.EnqueueAsync(messages);
        var poison = sent[2].Sequence;

        // Everything is acknowledged or dead: the bystanders were counted and acknowledged, past the poison.
        await Eventually.ReadAsync(() => CountAsync(queue, "SELECT count(*) FROM counters_stream_message"), n => n == 0, TimeSpan.FromSeconds(90));
        foreach (var bystander in bystanders)
        {
            Assert.Equal(PerBystander, await TotalAsync(cluster.Client, bystander));
        }

        var dead = (await queue.GetDeadLettersAsync()).OrderBy(d => d.Sequence).ToList();
        Assert.Equal([poison, sent[4].Sequence], dead.Select(d => d.Sequence));
        Assert.All(dead, d => Assert.Equal("victim", d.Stream.GetKeyAsString()));
        Assert.Equal(MaxDeliveries, dead[0].Failures);
        Assert.Contains("poison-agent", dead[0].Error);
        Assert.Equal($"waits for dead letter 0:{poison}", dead[1].Error);
        Assert.Equal(1, await TotalAsync(cluster.Client, "victim"));

        // Readiness fails with the reason, and the gauge counts them.
        var health = await new DeadLetterHealthCheck(queue).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.StartsWith("2 dead letter(s)", health.Description);
        Assert.Equal(2, await GaugeAsync(queue));

        // Healed and replayed, the victim's messages are counted once each, in order, and the dead letters are gone.
        detector.Poisoned = false;
        Assert.Equal([(0, poison), (0, sent[4].Sequence)], await queue.ReplayDeadLettersAsync());
        await Eventually.ReadAsync(() => CountAsync(queue, "SELECT count(*) FROM counters_stream_message"), n => n == 0, TimeSpan.FromSeconds(60));
        Assert.Equal(0, await queue.CountDeadLettersAsync());
        Assert.Equal(3, await Eventually.ReadAsync(() => TotalAsync(cluster.Client, "victim"), n => n >= 3, TimeSpan.FromSeconds(10)));
        Assert.Equal(HealthStatus.Healthy, (await new DeadLetterHealthCheck(queue).CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private static QueueMessage Message(PostgresEventQueue queue, string account, bool poisoned) =>
        queue.CreateMessage(StreamId.Create(CounterStreams.EventsNamespace, account), [new EventBatch(account, [new CounterEvent
        {
            Account = account,
            Type = "pageview",
            Url = "/",
            Timestamp = At,
            UserAgent = poisoned ? PoisonDetector.UserAgent : null,
        }])]);

    private static async Task<long> TotalAsync(IClusterClient client, string account) =>
        (await client.GetCountsAsync(SeriesKey.AllUrlsOf(account, "pageview"), Period.Containing(PeriodKind.Hour, At))).Total;

    private async Task<long> CountAsync(PostgresEventQueue queue, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(postgres.Require());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql + " WHERE provider = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = queue.Name });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What the silo's gauge reports, read as a metrics exporter does.</summary>
    private static async Task<long> GaugeAsync(PostgresEventQueue queue)
    {
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var monitor = new DeadLetterMonitor(queue, services.GetRequiredService<IMeterFactory>(), NullLogger<DeadLetterMonitor>.Instance);
        long observed = -1;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == DeadLetterMonitor.GaugeName && instrument.Meter.Name == CountersMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Exchange(ref observed, value));
        listener.Start();
        await monitor.StartAsync(CancellationToken.None);
        try
        {
            return await Eventually.ReadAsync(
                () =>
                {
                    listener.RecordObservableInstruments();
                    return Task.FromResult(Interlocked.Read(ref observed));
                },
                value => value > 0,
                TimeSpan.FromSeconds(10));
        }
        finally
        {
            await monitor.StopAsync(CancellationToken.None);
        }
    }
}
