using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Counters.Grains.Ingest;
using Orleans.Streams;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// A message whose application fails on the cluster (a silo that died and is not yet declared dead, a timed-out
/// call) is retried without counting towards the dead letters; one that fails on its own is counted.
/// </summary>
public sealed class DeadLetterGateTests
{
    private static readonly StreamPosition Position = new(7, 0);

    public static TheoryData<Exception> ClusterFailures() =>
    [
        Rejection("Unable to connect to the silo that died"),
        new SiloUnavailableException(),
        new TimeoutException("Response did not arrive on time"),
        new AggregateException(new InvalidOperationException("planning failed", Rejection("wrapped"))),
    ];

    [Theory]
    [MemberData(nameof(ClusterFailures))]
    public async Task A_failure_of_the_cluster_is_retried_and_not_counted(Exception failure)
    {
        var queue = new CountingAcknowledger();
        var gate = new DeadLetterGate(queue, StreamId.Create("events", "acme"), NullLogger.Instance);

        Assert.False(await gate.GiveUpAsync(Position, failure));

        Assert.Equal(0, queue.Failures);
        Assert.Null(gate.DeadLetter);
    }

    [Fact]
    public async Task A_failure_of_the_message_is_counted_and_the_last_one_makes_it_a_dead_letter()
    {
        var queue = new CountingAcknowledger { DeadAfter = 2 };
        var gate = new DeadLetterGate(queue, StreamId.Create("events", "acme"), NullLogger.Instance);

        Assert.False(await gate.GiveUpAsync(Position, new InvalidOperationException("poison")));
        Assert.True(await gate.GiveUpAsync(Position, new InvalidOperationException("poison")));

        Assert.Equal(2, queue.Failures);
        Assert.Equal(Position, gate.DeadLetter);
    }

    // Orleans makes these itself (its constructors are internal), as a call to a silo that died gets one.
    private static OrleansMessageRejectionException Rejection(string message) =>
        (OrleansMessageRejectionException)Activator.CreateInstance(
            typeof(OrleansMessageRejectionException), BindingFlags.NonPublic | BindingFlags.Instance, null, [message], null)!;

    private sealed class CountingAcknowledger : IEventAcknowledger
    {
        public int Failures { get; private set; }

        public int DeadAfter { get; init; } = int.MaxValue;

        public bool IsEnabled => true;

        public Task AcknowledgeAsync(StreamId stream, IReadOnlyList<StreamPosition> positions, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<UnacknowledgedMessage>> ReadUnacknowledgedAsync(StreamId stream, StreamPosition? after, StreamPosition before, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<UnacknowledgedMessage>>([]);

        public Task<FailedDelivery> RecordFailureAsync(StreamId stream, StreamPosition position, Exception error, CancellationToken cancellationToken) =>
            Task.FromResult(++Failures >= DeadAfter ? FailedDelivery.DeadLettered : FailedDelivery.Retry);

        public Task HoldAsync(StreamId stream, StreamPosition position, StreamPosition deadLetter, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
