namespace Orleans.Counters.Ship.Shipping;

/// <summary>What happened to the lines read so far.</summary>
/// <param name="Lines">Lines read.</param>
/// <param name="Unparsable">Lines that are not combined-format log lines.</param>
/// <param name="Ignored">Lines the filters leave out: not a GET, not 2xx/3xx (unless widened), not a page.</param>
/// <param name="Invalid">Lines whose event the gateway would refuse, left out before sending.</param>
/// <param name="Shipped">Events the gateway accepted.</param>
/// <param name="Rejected">Events the gateway refused (400).</param>
/// <param name="Pending">Events read and neither accepted nor refused yet (at the end: undelivered).</param>
public sealed record ShipTotals(long Lines, long Unparsable, long Ignored, long Invalid, long Shipped, long Rejected, long Pending)
{
    /// <summary>True when every event read was delivered: nothing refused, here or by the gateway, and nothing left.</summary>
    public bool AllDelivered => Invalid == 0 && Rejected == 0 && Pending == 0;

    /// <summary>The report line, such as <c>shipped 120 events, skipped 2 unparsable lines, …</c>.</summary>
    public override string ToString() =>
        $"shipped {Shipped} events, skipped {Unparsable} unparsable lines, {Ignored} filtered out, " +
        $"{Invalid} invalid, {Rejected} rejected by the gateway, {Pending} pending ({Lines} lines read)";
}
