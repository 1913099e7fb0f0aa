namespace Orleans.Counters.Grains.Ingest;

/// <summary>
/// The applied messages of one stream that wait for their hours to persist them, and the hours to
/// ask: each hour once however many messages touched it, and only until it has persisted the latest.
/// </summary>
public sealed class AcknowledgementBook
{
    private readonly Dictionary<CounterGroup, AwaitedHour> _hours = [];
    private readonly List<PendingAcknowledgement> _pending = [];

    /// <summary>How many messages wait.</summary>
    public int Count => _pending.Count;

    /// <summary>Records an applied message and the hours it touched.</summary>
    public void Add(StreamPosition position, IEnumerable<CounterGroup> touched)
    {
        var hours = new List<AwaitedHour>();
        foreach (var key in touched)
        {
            if (!_hours.TryGetValue(key, out var hour))
            {
                hour = new AwaitedHour(key);
                _hours.Add(key, hour);
            }

            hour.Latest = position;
            hours.Add(hour);
        }

        _pending.Add(new PendingAcknowledgement(position, hours));
    }

    /// <summary>The hours to ask for their persisted position.</summary>
    public IReadOnlyList<AwaitedHour> HoursToAsk() => [.. _hours.Values];

    /// <summary>Records an hour's answer; an hour that has persisted its latest message is asked no more.</summary>
    public void Record(AwaitedHour hour, StreamPosition? persisted)
    {
        hour.Persisted = persisted;
        if (persisted >= hour.Latest && _hours.TryGetValue(hour.Hour, out var current) && current == hour)
        {
            _hours.Remove(hour.Hour);
        }
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
