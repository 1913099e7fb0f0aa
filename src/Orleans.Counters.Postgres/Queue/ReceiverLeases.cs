namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// The rows a receiver has handed to the pulling agent and may still hold leases on. Rows waiting in
/// the agent's cache are renewed, so that a backlog longer than the visibility timeout does not send
/// them round again; once the cache reports them delivered they are left to expire, which brings back
/// any that the consumer then fails to acknowledge. Safe to use from the agent and the renewal loop.
/// </summary>
internal sealed class ReceiverLeases(TimeSpan visibilityTimeout)
{
    private readonly Dictionary<long, DateTime?> _deliveredAt = [];
    private readonly Lock _lock = new();

    /// <summary>Records rows just leased and handed out.</summary>
    public void HandedOut(IEnumerable<long> sequences)
    {
        lock (_lock)
        {
            foreach (var sequence in sequences)
            {
                _deliveredAt[sequence] = null;
            }
        }
    }

    /// <summary>Records rows the cache has delivered and let go of.</summary>
    public void Delivered(IEnumerable<long> sequences, DateTime now)
    {
        lock (_lock)
        {
            foreach (var sequence in sequences)
            {
                if (_deliveredAt.ContainsKey(sequence))
                {
                    _deliveredAt[sequence] = now;
                }
            }
        }
    }

    /// <summary>The rows whose leases to renew: handed out, not yet delivered. Forgets those delivered a lease ago.</summary>
    public IReadOnlyList<long> Undelivered(DateTime now)
    {
        lock (_lock)
        {
            ForgetExpired(now);
            return [.. _deliveredAt.Where(l => l.Value is null).Select(l => l.Key)];
        }
    }

    /// <summary>Forgets the rows a renewal found no longer held: acknowledged, or dead.</summary>
    public void Renewed(IReadOnlyList<long> asked, IReadOnlyList<long> held)
    {
        lock (_lock)
        {
            foreach (var gone in asked.Except(held))
            {
                _deliveredAt.Remove(gone);
            }
        }
    }

    /// <summary>The rows whose leases may still be live, forgetting those delivered a lease ago.</summary>
    public IReadOnlyList<long> Known(DateTime now)
    {
        lock (_lock)
        {
            ForgetExpired(now);
            return [.. _deliveredAt.Keys];
        }
    }

    // A delivered row's lease has run out a visibility timeout later: it is no longer ours to know.
    private void ForgetExpired(DateTime now)
    {
        foreach (var expired in _deliveredAt.Where(l => l.Value + visibilityTimeout <= now).Select(l => l.Key).ToList())
        {
            _deliveredAt.Remove(expired);
        }
    }
}
