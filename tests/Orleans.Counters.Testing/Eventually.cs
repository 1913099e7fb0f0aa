using System.Collections;
using System.Text.Json;

namespace Orleans.Counters.Testing;

/// <summary>Polls for values that become true after a short while, such as rolled-up totals.</summary>
public static class Eventually
{
    /// <summary>
    /// Reads until <paramref name="done"/> holds and returns that value; throws, with the last value
    /// read, once <paramref name="timeout"/> (10 s unless told) has passed without it.
    /// </summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var (value, held) = await PollAsync(read, done, limit);
        return held ? value : throw new TimeoutException($"The condition did not hold within {limit}; the last value read was: {Describe(value)}");
    }

    /// <summary>
    /// Reads until <paramref name="done"/> holds or <paramref name="timeout"/> passes, and returns the
    /// last value read either way: for a figure that a later assertion checks, after a report that
    /// needs it was written (the chaos tests' queue left at the end).
    /// </summary>
    public static async Task<T> ReadLastAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout) =>
        (await PollAsync(read, done, timeout)).Value;

    private static async Task<(T Value, bool Held)> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return (value, true);
            }

            if (DateTime.UtcNow > deadline)
            {
                return (value, false);
            }

            await Task.Delay(50);
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => text.Length <= 4_000 ? text : text[..4_000] + "…",
        JsonElement json => Describe(json.GetRawText()),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Take(100).Select(Describe)) + "]",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
