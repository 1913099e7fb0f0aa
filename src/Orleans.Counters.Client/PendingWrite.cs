namespace Orleans.Counters.Client;

/// <summary>One caller's events waiting for a group commit, and the answer it waits for: how many were repeats.</summary>
internal sealed class PendingWrite(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken)
{
    public IReadOnlyList<CounterEvent> Events { get; } = events;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<int> Repeats { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
