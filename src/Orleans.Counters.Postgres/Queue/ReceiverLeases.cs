namespace Orleans.Counters.Postgres.Queue;

/// <summary>
/// The rows a receiver has handed to the pulling agent and may still hold leases on. Rows waiting in
/// the agent's cache are renewed, so that a backlog longer than the visibility timeout does not send
/// them round again; once the cache reports them delivered they are left to expire, which brings back
/// any that the consumer then fails to acknowledge. A row holds several streams' messages, each handed
/// out as its own container: the row counts as delivered once all of them are. Safe to use from the
/// agent and the renewal loop.
/// </summary>
internal sealed class ReceiverLeases(TimeSpan visibilityTimeout)
{
    private readonly Dictionary<long, DateTime?> _deliveredAt = [];
    // Per row still in the cache: how many of its messages the cache has not let go of yet.
    private readonly Dictionary<long, int> _waiting = [];
    private readonly Lock _lock = new();

    /// <summary>Records rows just leased and handed out, once per message handed out.</summary>
    public void HandedOut(IEnumerable<long> sequences)
    {
        lock (_lock)
        {
            foreach (var sequence in sequences)
            {
                _deliveredAt[sequence] = null;
                _waiting[sequence] = _waiting.GetValueOrDefault(sequence) + 1;
            }
        }
    }

    /// <summary>Records messages the cache has delivered and let go of, once per message.</summary>
    public void Delivered(IEnumerable<long> sequences, DateTime now)
    {
        lock (_lock)
        {
            foreach (var sequence in sequences)
            {
                if (!_deliveredAt.ContainsKey(sequence))
                {
                    continue;
                }

                var waiting = _waiting.GetValueOrDefault(sequence) - 1;
                if (waiting > 0)
                {
                    _waiting[sequence] = waiting;
                    continue;
                }

                _waiting.Remove(sequence);
                _deliveredAt[sequence] = now;
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
                _waiting.Remove(gone);
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
