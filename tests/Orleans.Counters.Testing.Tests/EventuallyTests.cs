namespace Orleans.Counters.Testing.Tests;

/// <summary><see cref="Eventually"/> returns the first value that holds, and fails with the last one read when none does in time.</summary>
public sealed class EventuallyTests
{
    [Fact]
    public async Task ReturnsTheFirstValueThatHolds()
    {
        var reads = 0;

        var value = await Eventually.ReadAsync(() => Task.FromResult(++reads), n => n == 3);

        Assert.Equal(3, value);
    }

    [Fact]
    public async Task FailsWithTheLastValueRead_WhenTheConditionNeverHolds()
    {
        var reads = 0;

        var failure = await Assert.ThrowsAsync<TimeoutException>(() =>
            Eventually.ReadAsync(() => Task.FromResult(new[] { "last", (++reads).ToString(System.Globalization.CultureInfo.InvariantCulture) }), _ => false, TimeSpan.FromMilliseconds(200)));

        Assert.Contains($"[last, {reads}]", failure.Message);
    }

    [Fact]
    public async Task ReadLast_ReturnsTheLastValueRead_WhenTheConditionNeverHolds()
    {
        var reads = 0;

        var value = await Eventually.ReadLastAsync(() => Task.FromResult(++reads), _ => false, TimeSpan.FromMilliseconds(200));

        Assert.Equal(reads, value);
        Assert.True(value > 1);
    }
}
