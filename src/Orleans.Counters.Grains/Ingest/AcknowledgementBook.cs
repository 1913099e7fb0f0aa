namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// The applied messages of one stream that wait for their hours to persist them, and the hours to
/// ask: each hour once however many messages touched it, and only until it has persisted the latest.
/// Each hour is tracked with the activation that applied its waiting messages: another activation
/// answering means those it had not persisted are lost and must be applied again.
/// </summary>
public sealed class AcknowledgementBook
{
    private readonly Dictionary<CounterGroup, AwaitedHour> _hours = [];
    private readonly List<PendingAcknowledgement> _pending = [];

    /// <summary>How many messages wait.</summary>
    public int Count => _pending.Count;

    /// <summary>Records an applied message, the hours it touched and the activation of each that applied it.</summary>
    public void Add(StreamPosition position, IEnumerable<(CounterGroup Hour, Guid Incarnation)> touched)
    {
        var hours = new List<AwaitedHour>();
        foreach (var (key, incarnation) in touched)
        {
            if (!_hours.TryGetValue(key, out var hour))
            {
                hour = new AwaitedHour(key);
                _hours.Add(key, hour);
            }

            hour.Latest = position;
            hour.Incarnation = incarnation;
            hours.Add(hour);
        }

        _pending.Add(new PendingAcknowledgement(position, hours));
    }

    /// <summary>The activation of an hour that holds messages waiting here; null when none waits on it.</summary>
    public Guid? IncarnationOf(CounterGroup hour) => _hours.TryGetValue(hour, out var awaited) ? awaited.Incarnation : null;

    /// <summary>The hours to ask for their persisted position.</summary>
    public IReadOnlyList<AwaitedHour> HoursToAsk() => [.. _hours.Values];

    /// <summary>
    /// Records an hour's answer; an hour that has persisted its latest message is asked no more.
    /// Returns true when another activation answered without the latest message: what the earlier
    /// one had not persisted is lost, and the messages after <see cref="PersistedPosition.Position"/> must be applied again.
    /// </summary>
    public bool Record(AwaitedHour hour, PersistedPosition persisted)
    {
        // Storage holds everything up to the position whichever activation answers.
        hour.Persisted = persisted.Position;
        var done = persisted.Position >= hour.Latest;
        if (done && _hours.TryGetValue(hour.Hour, out var current) && current == hour)
        {
            _hours.Remove(hour.Hour);
        }

        return !done && persisted.Incarnation != hour.Incarnation;
    }

    /// <summary>The waiting messages whose hours have all persisted them.</summary>
    public IReadOnlyList<PendingAcknowledgement> Persisted() => [.. _pending.Where(p => p.IsPersisted)];

    /// <summary>Forgets acknowledged messages.</summary>
    public void Remove(IReadOnlyList<PendingAcknowledgement> acknowledged)
    {
        var gone = acknowledged.ToHashSet(ReferenceEqualityComparer.Instance);
        _pending.RemoveAll(gone.Contains);
    }
}
