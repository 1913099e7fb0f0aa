using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Counters.Grains.Ingest;
using Orleans.Counters.Retries;
using Orleans.Runtime;

namespace Orleans.Counters.Grains.Tests;

/// <summary>The ingest grain's parts, alone: the hour dispatch's retries, the acknowledgement tracking and the dead-letter gate.</summary>
public sealed class IngestPartsTests
{
    private static readonly StreamId Stream = StreamId.Create(CounterStreams.EventsNamespace, "parts");
    private static readonly CounterGroup Hour10 = new("parts", Period.Hour(2025, 6, 1, 10), 0);
    private static readonly CounterGroup Hour11 = new("parts", Period.Hour(2025, 6, 1, 11), 0);
    private static readonly Backoff Quick = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task TheDispatchTriesAFailingHourAgain_AndAnswersWhatItFinallySays()
    {
        var hour = new FailingHour(failures: 3);
        var dispatch = new HourDispatch(_ => hour, Quick, maxAttempts: 5, TimeProvider.System, NullLogger.Instance);

        var result = await dispatch.ApplyAsync(Hour10, Increment(1));

        Assert.Equal(HourApplyOutcome.Applied, result.Outcome);
        Assert.Equal(4, hour.Calls);
    }

    [Fact]
    public async Task TheDispatchGivesUpAfterItsAttempts_WithTheHoursFailure()
    {
        var hour = new FailingHour(failures: int.MaxValue);
        var dispatch = new HourDispatch(_ => hour, Quick, maxAttempts: 5, TimeProvider.System, NullLogger.Instance);

        await Assert.ThrowsAsync<TimeoutException>(() => dispatch.ApplyAsync(Hour10, Increment(1)));
        Assert.Equal(5, hour.Calls);
    }

    [Fact]
    public async Task AMessageIsAcknowledgedOnlyOnceEveryHourItTouchedPersistedIt()
    {
        var acknowledger = new RecordingAcknowledger();
        var persisted = new Dictionary<CounterGroup, PersistedPosition>();
        var incarnation = Guid.NewGuid();
        var tracker = new AcknowledgementTracker(acknowledger, Stream, hour => Task.FromResult(persisted[hour]));
        tracker.Track(new StreamPosition(1, 0), [(Hour10, incarnation), (Hour11, incarnation)]);
        persisted[Hour10] = new PersistedPosition(incarnation, new StreamPosition(1, 0));
        persisted[Hour11] = new PersistedPosition(incarnation, null);

        await tracker.AcknowledgePersistedAsync(NoRepair, CancellationToken.None);
        Assert.Empty(acknowledger.Acknowledged);
        Assert.True(tracker.IsWaiting);

        persisted[Hour11] = new PersistedPosition(incarnation, new StreamPosition(1, 0));
        await tracker.AcknowledgePersistedAsync(NoRepair, CancellationToken.None);
        Assert.Equal([new StreamPosition(1, 0)], acknowledger.Acknowledged);
        Assert.False(tracker.IsWaiting);
    }

    [Fact]
    public async Task AnHourAnsweringFromAnotherActivationWithoutTheWaitingMessagesIsRepairedBeforeAnyAcknowledgement()
    {
        var acknowledger = new RecordingAcknowledger();
        var applied = Guid.NewGuid();
        var newer = new PersistedPosition(Guid.NewGuid(), null);
        var tracker = new AcknowledgementTracker(acknowledger, Stream, _ => Task.FromResult(newer));
        tracker.Track(new StreamPosition(7, 0), [(Hour10, applied)]);
        var repaired = new List<(CounterGroup Hour, PersistedPosition Persisted)>();

        await tracker.AcknowledgePersistedAsync((hour, persisted) =>
        {
            repaired.Add((hour.Hour, persisted));
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal([(Hour10, newer)], repaired);
        Assert.Empty(acknowledger.Acknowledged);
        Assert.Equal(applied, tracker.IncarnationOf(Hour10));
    }

    [Fact]
    public async Task ADeadLetterHoldsTheStreamsLaterMessagesUntilItIsApplied()
    {
        var gate = new DeadLetterGate(new RecordingAcknowledger { Outcome = FailedDelivery.DeadLettered }, Stream, NullLogger.Instance);
        var poison = new StreamPosition(5, 0);

        Assert.True(await gate.GiveUpAsync(poison, new InvalidOperationException("poison")));
        Assert.True(gate.MustWait(new StreamPosition(6, 0), out var behind));
        Assert.Equal(poison, behind);
        Assert.False(gate.MustWait(poison, out _));

        gate.Applied(poison);
        Assert.False(gate.MustWait(new StreamPosition(6, 0), out _));
    }

    [Fact]
    public async Task AFailureTheQueueCountsForRetry_OrCannotCount_FailsTheDelivery()
    {
        Assert.False(await new DeadLetterGate(new RecordingAcknowledger(), Stream, NullLogger.Instance)
            .GiveUpAsync(new StreamPosition(5, 0), new InvalidOperationException("once")));
        Assert.False(await new DeadLetterGate(new RecordingAcknowledger { FailToRecord = true }, Stream, NullLogger.Instance)
            .GiveUpAsync(new StreamPosition(5, 0), new InvalidOperationException("once")));
    }

    private static Task NoRepair(AwaitedHour hour, PersistedPosition persisted) =>
        throw new InvalidOperationException($"{hour.Hour} was not to be repaired.");

    private static GroupIncrement Increment(long sequence) =>
        new("parts", new StreamPosition(sequence, 0), [new SeriesMinutes(new SeriesId("pageview", SeriesKey.AllUrls), [new MinuteCount(0, 1)])]);

    private sealed class RecordingAcknowledger : IEventAcknowledger
    {
        public List<StreamPosition> Acknowledged { get; } = [];

        public FailedDelivery Outcome { get; init; } = FailedDelivery.Retry;

        public bool FailToRecord { get; init; }

        public bool IsEnabled => true;

        public Task AcknowledgeAsync(StreamId stream, IReadOnlyList<StreamPosition> positions, CancellationToken cancellationToken)
        {
            Acknowledged.AddRange(positions);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<UnacknowledgedMessage>> ReadUnacknowledgedAsync(
            StreamId stream, StreamPosition? after, StreamPosition before, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<UnacknowledgedMessage>>([]);

        public Task<FailedDelivery> RecordFailureAsync(StreamId stream, StreamPosition position, Exception error, CancellationToken cancellationToken) =>
            FailToRecord ? throw new TimeoutException("the queue is down") : Task.FromResult(Outcome);

        public Task HoldAsync(StreamId stream, StreamPosition position, StreamPosition deadLetter, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }

    // An hour that fails its first calls, as one whose storage is busy while it activates.
    private sealed class FailingHour(int failures) : IHourCountersGrain
    {
        public int Calls { get; private set; }

        public Task<HourApplyResult> ApplyAsync(GroupIncrement increment) =>
            ++Calls <= failures
                ? throw new TimeoutException($"call {Calls} failed")
                : Task.FromResult(new HourApplyResult(HourApplyOutcome.Applied, Guid.Empty, increment.Position));

        public Task<HourApplyResult> ApplyAllAsync(ImmutableArray<GroupIncrement> increments) =>
            ++Calls <= failures
                ? throw new TimeoutException($"call {Calls} failed")
                : Task.FromResult(new HourApplyResult(HourApplyOutcome.Applied, Guid.Empty, increments[^1].Position));

        public Task<PersistedPosition> GetPersistedPositionAsync(string source) => throw new NotSupportedException();

        public Task<PeriodCounts> GetCountsAsync(SeriesId series) => throw new NotSupportedException();

        public Task<Uniques.UserSketch?> GetUsersAsync(SeriesId series) => throw new NotSupportedException();

        public Task<TopSeries> GetTopAsync(string type, TopDimension by, int limit) => throw new NotSupportedException();

        public Task<ChildReport> GetReportAsync() => throw new NotSupportedException();

        public Task ReportAllAgainAsync() => throw new NotSupportedException();

        public Task<CounterVersions> GetVersionsAsync() => throw new NotSupportedException();

        public Task RebucketAsync(Zones.ZoneTarget to) => throw new NotSupportedException();

        public Task<ReportReceipt> TakeLayerAsync(Zones.ZoneLayer layer) => throw new NotSupportedException();
    }
}
