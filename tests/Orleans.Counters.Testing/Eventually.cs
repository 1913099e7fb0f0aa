namespace Orleans.Counters.Testing;

/// <summary>Polls for values that become true after a short while, such as rolled-up totals.</summary>
public static class Eventually
{
    /// <summary>Reads until <paramref name="done"/> holds or the timeout passes; returns the last value read.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
