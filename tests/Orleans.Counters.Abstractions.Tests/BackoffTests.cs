using Orleans.Counters.Retries;

namespace Orleans.Counters.Abstractions.Tests;

public sealed class BackoffTests
{
    private static readonly Backoff Doubling = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(3, 800)]
    [InlineData(4, 1000)]
    [InlineData(1000, 1000)]
    public void EachFailureDoublesTheWaitUpToTheLongest(int failures, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Doubling.Delay(failures));

    [Fact]
    public void AJitteredWaitLiesBetweenHalfAndAllOfItsValue()
    {
        var jittered = Doubling with { Jittered = true };
        var waits = Enumerable.Range(0, 200).Select(_ => jittered.Delay(2)).ToList();
        Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)));
        Assert.True(waits.Distinct().Count() > 1, "every jittered wait was the same");
    }

    [Fact]
    public void NoWaitIsAskedBeforeAFailure() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Doubling.Delay(0));
}
