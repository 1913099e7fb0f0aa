namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// Runs a counter's storage operations one at a time: each write carries the ETag the previous one
/// returned, and a check must not read while a write is on its way. A grain's calls and its flush timer
/// interleave, so their operations queue here; the grain's single-threaded turns make the test-and-set
/// atomic. An operation that failed does not stop the next one.
/// </summary>
public sealed class StorageTurns
{
    private Task _running = Task.CompletedTask;

    /// <summary>Runs <paramref name="operation"/> once every operation started before it has finished.</summary>
    public async Task RunAsync(Func<Task> operation)
    {
        while (!_running.IsCompleted)
        {
            // Waits without taking the previous operation's failure (its caller has it), on the grain's scheduler.
            await _running.ContinueWith(static _ => { }, TaskScheduler.Current);
        }

        var running = operation();
        _running = running;
        await running;
    }
}
