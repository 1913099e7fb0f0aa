using Orleans.Counters.Retries;

namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Applies a message's part to an hour group, trying again when the call fails: a counter that fails to
/// activate for a moment (its storage busy) is retried before the whole message fails. Trying again is
/// safe, as an hour drops a message at or below the last position it applied.
/// </summary>
/// <param name="hours">Finds an hour group's grain.</param>
/// <param name="backoff">The waits between attempts.</param>
/// <param name="maxAttempts">How many calls before the failure is the message's.</param>
/// <param name="clock">Measures the waits.</param>
/// <param name="logger">Logs each retry.</param>
public sealed partial class HourDispatch(
    Func<CounterGroup, IHourCountersGrain> hours, Backoff backoff, int maxAttempts, TimeProvider clock, ILogger logger)
{
    /// <summary>The waits of the ingest grain's calls to hours: 0.2, 0.4, 0.8 and 1.6 s, within 5 attempts.</summary>
    public static readonly Backoff DefaultBackoff = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

    /// <summary>The attempts of the ingest grain's calls to hours.</summary>
    public const int DefaultMaxAttempts = 5;

    /// <summary>Applies <paramref name="increment"/> to <paramref name="hour"/>, trying up to the maximum attempts.</summary>
    public Task<HourApplyResult> ApplyAsync(CounterGroup hour, GroupIncrement increment) =>
        CallAsync(hour, grain => grain.ApplyAsync(increment));

    /// <summary>Applies several messages' <paramref name="increments"/> to <paramref name="hour"/> in one call, trying up to the maximum attempts.</summary>
    public Task<HourApplyResult> ApplyAllAsync(CounterGroup hour, ImmutableArray<GroupIncrement> increments) =>
        increments.Length == 1 ? ApplyAsync(hour, increments[0]) : CallAsync(hour, grain => grain.ApplyAllAsync(increments));

    private async Task<HourApplyResult> CallAsync(CounterGroup hour, Func<IHourCountersGrain, Task<HourApplyResult>> apply)
    {
        var grain = hours(hour);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await apply(grain);
            }
            catch (Exception exception) when (attempt < maxAttempts)
            {
                var delay = backoff.Delay(attempt);
                LogApplyRetry(logger, exception, hour, attempt, delay);
                await Task.Delay(delay, clock);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying to {Counter} failed (attempt {Attempt}); retrying in {Delay}")]
    private static partial void LogApplyRetry(ILogger logger, Exception exception, CounterGroup counter, int attempt, TimeSpan delay);
}
