namespace Orleans.Counters.Postgres.Tests;

public sealed class StreamRetryBackoffTests
{
    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 1000)]
    [InlineData(3, 4000)]
    [InlineData(4, 5000)]
    [InlineData(40, 5000)]
    public void OrleansAttemptsFromZeroDoubleTheWaitUpToTheLongest(int attempt, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), new StreamRetryBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5)).Next(attempt));
}
