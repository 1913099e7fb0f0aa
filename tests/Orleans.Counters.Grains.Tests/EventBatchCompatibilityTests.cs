using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Orleans.Counters.Grains.Tests;

/// <summary>
/// Messages already in the durable queue were written by an older <see cref="EventBatch"/>: fields added since
/// (<see cref="EventBatch.PublishedAt"/>, <see cref="EventBatch.TraceParents"/>) must read as absent, and the
/// message must serialize again (a replay, a memory stream's copy).
/// </summary>
public sealed class EventBatchCompatibilityTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(EventBatch).Assembly).AddAssembly(typeof(EventBatchCompatibilityTests).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void AMessageWrittenBeforeTraceParents_ReadsWithNone_AndSerializesAgain()
    {
        var written = Serializer.SerializeToArray(new FirstEventBatch("acme", [new CounterEvent { Account = "acme", Type = "pageview", Timestamp = new DateTime(2026, 11, 23, 14, 5, 0, DateTimeKind.Utc) }]));

        var read = Serializer.Deserialize<EventBatch>(written)!;
        var again = Serializer.Deserialize<EventBatch>(Serializer.SerializeToArray(read))!;

        Assert.Equal("acme", read.Account);
        Assert.Equal("pageview", Assert.Single(read.Events).Type);
        Assert.Null(read.PublishedAt);
        Assert.Empty(read.TraceParents);
        Assert.Empty(again.TraceParents);
        Assert.Single(again.Events);
    }

    [Fact]
    public void TraceParents_RoundTrip()
    {
        const string parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var batch = new EventBatch("acme", []) { TraceParents = [parent] };

        Assert.Equal(parent, Assert.Single(Serializer.Deserialize<EventBatch>(Serializer.SerializeToArray(batch))!.TraceParents));
    }
}

/// <summary><see cref="EventBatch"/> as it was first written: two fields, under an alias of its own.</summary>
[GenerateSerializer, Immutable, Alias("counters.tests.first-event-batch")]
public sealed record FirstEventBatch([property: Id(0)] string Account, [property: Id(1)] ImmutableArray<CounterEvent> Events);
