namespace Orleans.Counters.Ship.Shipping;

/// <summary>What happened to the lines read so far; safe to update from the reader and the sender at once.</summary>
public sealed class ShipCounters
{
    private long _lines;
    private long _unparsable;
    private long _ignored;
    private long _invalid;
    private long _queued;
    private long _shipped;
    private long _rejected;

    /// <summary>Counts a line read; returns its number.</summary>
    public long AddLine() => Interlocked.Increment(ref _lines);

    /// <summary>Counts a line that is not a combined-format log line.</summary>
    public void AddUnparsable() => Interlocked.Increment(ref _unparsable);

    /// <summary>Counts a line the filters leave out.</summary>
    public void AddIgnored() => Interlocked.Increment(ref _ignored);

    /// <summary>Counts a line whose event the gateway would refuse.</summary>
    public void AddInvalid() => Interlocked.Increment(ref _invalid);

    /// <summary>Counts an event put in the queue.</summary>
    public void AddQueued() => Interlocked.Increment(ref _queued);

    /// <summary>Counts events the gateway accepted.</summary>
    public void AddShipped(int count) => Interlocked.Add(ref _shipped, count);

    /// <summary>Counts events the gateway refused.</summary>
    public void AddRejected(int count) => Interlocked.Add(ref _rejected, count);

    /// <summary>The counts now.</summary>
    public ShipTotals Read()
    {
        var queued = Interlocked.Read(ref _queued);
        var shipped = Interlocked.Read(ref _shipped);
        var rejected = Interlocked.Read(ref _rejected);
        return new ShipTotals(
            Interlocked.Read(ref _lines),
            Interlocked.Read(ref _unparsable),
            Interlocked.Read(ref _ignored),
            Interlocked.Read(ref _invalid),
            shipped,
            rejected,
            queued - shipped - rejected);
    }
}
