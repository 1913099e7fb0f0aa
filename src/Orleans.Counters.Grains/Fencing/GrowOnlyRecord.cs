using Orleans.Storage;

namespace Orleans.Counters.Grains.Fencing;

/// <summary>
/// Reads and writes the record of a grain whose state only grows (an account's types, a year's admitted
/// series), so that a second activation of it (docs/exactly-once.md item 10) is made harmless by union
/// rather than fenced: a write refused because another activation wrote reads the record, adds what this
/// activation holds and runs the change again, and after a membership change or storage error (or every
/// check interval) the activation takes what storage holds too before it answers.
/// </summary>
/// <param name="state">The grain's persistent state.</param>
/// <param name="checks">When to take what storage holds before answering.</param>
/// <param name="union">Adds the second state's contents (what this activation held) to the first (what storage holds).</param>
public sealed class GrowOnlyRecord<TState>(IPersistentState<TState> state, StateCheckSchedule checks, Action<TState, TState> union)
{
    private const int MaxWriteAttempts = 5;

    /// <summary>
    /// Runs a change that writes; when another activation wrote first, takes its record too and runs the
    /// change again (up to a few times, then the refusal is thrown). The change decides on what the state
    /// holds when it runs, so it must not rest on a decision made before.
    /// </summary>
    public async Task<T> MergingOnConflictAsync<T>(Func<Task<T>> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await change();
            }
            catch (InconsistentStateException) when (attempt < MaxWriteAttempts)
            {
                await TakeStoredAsync();
            }
        }
    }

    /// <summary>Takes what storage holds into the state, when the check schedule says so.</summary>
    public async Task TakeStoredWhenDueAsync()
    {
        if (!checks.IsDue)
        {
            return;
        }

        var epoch = checks.CurrentEpoch;
        try
        {
            await TakeStoredAsync();
            checks.Checked(epoch);
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            // Storage cannot be read now: go on with what this activation holds; checked again after the interval.
            checks.Checked(epoch);
        }
    }

    private async Task TakeStoredAsync()
    {
        var held = state.State;
        await state.ReadStateAsync();
        union(state.State, held);
    }
}
