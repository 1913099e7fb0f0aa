namespace Orleans.Counters.Ship.Tests;

public sealed class RetryWaitTests
{
    [Fact]
    public void WaitsDoubleAfterEachFailureWithJitterUpToTheCap()
    {
        var backoff = new RetryWait(TimeSpan.FromSeconds(30));

        for (var failures = 0; failures < 12; failures++)
        {
            var full = Math.Min(RetryWait.Initial.TotalMilliseconds * Math.Pow(2, failures), 30_000);
            for (var i = 0; i < 50; i++)
            {
                var delay = backoff.Delay(failures, retryAfter: null).TotalMilliseconds;
                Assert.InRange(delay, full / 2, full);
            }
        }

        Assert.True(backoff.Delay(1000, null) <= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void RetryAfterIsHonouredUpToTheCap()
    {
        var backoff = new RetryWait(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(7), backoff.Delay(0, TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Delay(9, TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Delay(0, TimeSpan.FromMinutes(10)));
    }
}
