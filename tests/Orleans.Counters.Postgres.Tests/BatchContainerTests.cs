using Orleans.Counters.Grains.Ingest;
using Orleans.Providers.Streams.Common;

namespace Orleans.Counters.Postgres.Tests;

/// <summary>What Orleans' pulling agent and the consumers get from a leased row.</summary>
public sealed class BatchContainerTests
{
    [Fact]
    public void EventsCarryTheRowSequenceTheirIndexAndTheLinkToTheStreamsPreviousMessage()
    {
        var container = new PostgresBatchContainer(
            StreamId.Create("ns", "key"), queueSequence: 42, position: 7, [new TestEvent("a"), "not a test event", new TestEvent("b")], null, previous: 40);

        var events = container.GetEvents<TestEvent>().ToList();

        Assert.Equal([new TestEvent("a"), new TestEvent("b")], events.Select(e => e.Item1));
        Assert.Equal([(42L, 0), (42L, 2)], events.Select(e => (e.Item2.SequenceNumber, e.Item2.EventIndex)));
        Assert.All(events, e => Assert.Equal(40, Assert.IsType<LinkedSequenceToken>(e.Item2).Previous));
        Assert.Equal(42, container.QueueSequence);
        Assert.False(container.ImportRequestContext());
    }

    [Fact]
    public void ContainersSortByTheirPositionNotByTheRowSequence()
    {
        // A redelivered row (sequence 1) handed out after row 2 sorts after it: the cache needs that.
        var row2 = new PostgresBatchContainer(StreamId.Create("ns", "a"), queueSequence: 2, position: 1, [], null);
        var redelivered1 = new PostgresBatchContainer(StreamId.Create("ns", "b"), queueSequence: 1, position: 2, [], null);

        Assert.True(row2.SequenceToken.Older(redelivered1.SequenceToken));
        Assert.True(redelivered1.SequenceToken.Newer(row2.SequenceToken));
        Assert.Equal(new ReceiverToken(2, 1), redelivered1.SequenceToken);
        Assert.Throws<ArgumentOutOfRangeException>(() => row2.SequenceToken.CompareTo(new EventSequenceTokenV2(1)));
    }

    [Fact]
    public void AContainerSurvivesOrleansSerialization()
    {
        var context = new Dictionary<string, object> { ["trace"] = "t-1" };
        var container = new PostgresBatchContainer(StreamId.Create("ns", "key"), queueSequence: 9, position: 3, [new TestEvent("x")], context, previous: 8);

        var copy = StreamsDatabase.Serializer.Deserialize<PostgresBatchContainer>(StreamsDatabase.Serializer.SerializeToArray(container))!;

        Assert.Equal(container.StreamId, copy.StreamId);
        Assert.Equal(container.SequenceToken, copy.SequenceToken);
        Assert.Equal(9, ((ReceiverToken)copy.SequenceToken).QueueSequence);
        Assert.Equal(container.GetEvents<TestEvent>(), copy.GetEvents<TestEvent>());
        Assert.Equal(8, ((LinkedSequenceToken)copy.GetEvents<TestEvent>().Single().Item2).Previous);
        Assert.True(copy.ImportRequestContext());
        Assert.Equal("t-1", RequestContext.Get("trace"));
        RequestContext.Clear();
    }
}
