namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// Acknowledges one stream's applied messages once every hour group they touched has persisted them, asking
/// each hour once however many messages wait on it; an hour that answers from another activation, without the
/// messages waiting on it, is handed to a repair first.
/// </summary>
/// <param name="acknowledger">Tells the durable queue that messages may be forgotten.</param>
/// <param name="stream">The account's events stream.</param>
/// <param name="persistedPosition">Asks an hour group what it persisted of this stream.</param>
public sealed class AcknowledgementTracker(
    IEventAcknowledger acknowledger, StreamId stream, Func<CounterGroup, Task<PersistedPosition>> persistedPosition)
{
    private readonly AcknowledgementBook _awaiting = new();

    /// <summary>True while applied messages wait for their hours.</summary>
    public bool IsWaiting => _awaiting.Count > 0;

    /// <summary>Records an applied message, the hours it touched and the activation of each that applied it.</summary>
    public void Track(StreamPosition position, IEnumerable<(CounterGroup Hour, Guid Incarnation)> touched) =>
        _awaiting.Add(position, touched);

    /// <summary>The activation of an hour that holds messages waiting here; null when none waits on it.</summary>
    public Guid? IncarnationOf(CounterGroup hour) => _awaiting.IncarnationOf(hour);

    /// <summary>
    /// Asks the awaited hours what they persisted, repairs those that lost messages (with
    /// <paramref name="repair"/>), and acknowledges the messages all of whose hours persisted them.
    /// </summary>
    public async Task AcknowledgePersistedAsync(Func<AwaitedHour, PersistedPosition, Task> repair, CancellationToken cancellationToken)
    {
        // Deliveries may add to the book while the hours answer.
        var hours = _awaiting.HoursToAsk();
        var persisted = await Task.WhenAll(hours.Select(h => persistedPosition(h.Hour)));
        for (var i = 0; i < hours.Count; i++)
        {
            if (_awaiting.Record(hours[i], persisted[i]))
            {
                await repair(hours[i], persisted[i]);
            }
        }

        var done = _awaiting.Persisted();
        if (done.Count > 0)
        {
            await acknowledger.AcknowledgeAsync(stream, [.. done.Select(p => p.Position)], cancellationToken);
            _awaiting.Remove(done);
        }
    }
}
