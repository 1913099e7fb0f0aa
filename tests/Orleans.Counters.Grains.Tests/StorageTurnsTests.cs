using Orleans.Counters.Grains.Counters;

namespace Orleans.Counters.Grains.Tests;

/// <summary>A counter's storage operations run one at a time, in the order they were asked for.</summary>
public sealed class StorageTurnsTests
{
    [Fact]
    public async Task AnOperationStartsOnlyOnceTheOneBeforeItFinished()
    {
        var turns = new StorageTurns();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new List<string>();

        var running = turns.RunAsync(() =>
        {
            started.Add("first");
            return first.Task;
        });
        var next = turns.RunAsync(() =>
        {
            started.Add("second");
            return Task.CompletedTask;
        });
        Assert.Equal(["first"], started);
        Assert.False(next.IsCompleted);

        first.SetResult();
        await Task.WhenAll(running, next);
        Assert.Equal(["first", "second"], started);
    }

    [Fact]
    public async Task AFailedOperationFailsItsCallerOnlyAndTheNextRuns()
    {
        var turns = new StorageTurns();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failing = turns.RunAsync(() => first.Task);
        var ran = false;
        var next = turns.RunAsync(() =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        first.SetException(new IOException("storage is down"));
        await Assert.ThrowsAsync<IOException>(() => failing);
        await next;
        Assert.True(ran);
    }
}
