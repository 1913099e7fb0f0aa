namespace Orleans.Counters.Postgres.Writing;

/// <summary>One caller's events waiting for a group commit, and the answer it waits for: how many were repeats.</summary>
internal sealed class PendingWrite(IReadOnlyList<CounterEvent> events, CancellationToken cancellationToken)
{
    public IReadOnlyList<CounterEvent> Events { get; } = events;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The writing request's trace context, carried in the messages of its events; null outside a trace.</summary>
    public string? TraceParent { get; } = CountersActivitySource.CurrentTraceParent();

    /// <summary>
    /// The write's commit key, stored in the transaction that enqueues its events, so that a commit
    /// retried after its answer was lost finds it and does not enqueue them again. Time-ordered, so
    /// that new keys go to the end of the table's index.
    /// </summary>
    public Guid Key { get; } = Guid.CreateVersion7();

    public TaskCompletionSource<int> Repeats { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
