namespace Orleans.Counters.Ship.Import;

/// <summary>What an import did: lines read, events taken and how many of them were repeats, lines refused.</summary>
/// <param name="Lines">Lines read, blank ones included.</param>
/// <param name="Sent">Events the gateway took (202), repeats included.</param>
/// <param name="Repeats">Events the gateway had counted before (their id seen): not counted again.</param>
/// <param name="Refused">Lines that are no event, or that the gateway refused (400).</param>
public sealed record ImportTotals(long Lines, long Sent, long Repeats, long Refused)
{
    /// <summary>Nothing yet.</summary>
    public static ImportTotals None { get; } = new(0, 0, 0, 0);

    /// <summary>
    /// The events the acknowledged requests counted for the first time. A request whose answer was lost
    /// (a run stopped while it was in flight) may have counted its events too: sent again, they are repeats.
    /// </summary>
    public long New => Sent - Repeats;
}
