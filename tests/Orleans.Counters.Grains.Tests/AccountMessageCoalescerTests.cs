namespace Orleans.Counters.Grains.Tests;

/// <summary>How publishes join: never split, in one message per round, each told its own message's outcome.</summary>
public sealed class AccountMessageCoalescerTests
{
    private static readonly DateTime At = new(2025, 8, 1, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task PublishesMadeWhileAMessageIsOnItsWayGoTogetherInTheNextOneAndFailWithIt()
    {
        var sent = new List<EventBatch>();
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var coalescer = new AccountMessageCoalescer(batch =>
        {
            sent.Add(batch);
            return sent.Count == 1 ? first.Task : second.Task;
        });

        var a = coalescer.PublishAsync("acme", Events(1), At);
        var b = coalescer.PublishAsync("acme", Events(2), At.AddSeconds(1));
        var c = coalescer.PublishAsync("acme", Events(3), At.AddSeconds(2));
        var other = coalescer.PublishAsync("other", Events(1), At);
        Assert.Equal(["acme", "other"], sent.Select(s => s.Account));

        first.SetResult();
        await a;
        Assert.False(b.IsCompleted);
        Assert.Equal(3, sent.Count);
        Assert.Equal(5, sent[2].Events.Length);
        Assert.Equal(At.AddSeconds(1), sent[2].PublishedAt);

        second.SetException(new InvalidOperationException("queue down"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => b);
        await Assert.ThrowsAsync<InvalidOperationException>(() => c);
        await Assert.ThrowsAsync<InvalidOperationException>(() => other);
    }

    [Fact]
    public async Task AJoinedMessageStaysWithinItsLimitAndNoPublishIsSplit()
    {
        var sent = new List<int>();
        var gate = new TaskCompletionSource();
        var coalescer = new AccountMessageCoalescer(batch =>
        {
            sent.Add(batch.Events.Length);
            return gate.Task;
        }, maxEventsPerMessage: 5);

        var publishes = new[] { 1, 2, 3, 7, 2, 1 }.Select(n => coalescer.PublishAsync("acme", Events(n), At)).ToArray();
        gate.SetResult();
        await Task.WhenAll(publishes);

        Assert.Equal([1, 5, 7, 3], sent);
    }

    private static ImmutableArray<CounterEvent> Events(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new CounterEvent { Account = "acme", Type = "pageview", Timestamp = At.AddMinutes(i) })];
}
