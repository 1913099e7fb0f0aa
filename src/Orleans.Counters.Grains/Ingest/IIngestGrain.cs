namespace Orleans.Counters.Grains.Ingest;

/// <summary>The ingest grain of one account (key: the account). It is fed by its stream.</summary>
public interface IIngestGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts the account's messages in the zones of <paramref name="history"/>, by their publish time. Refused
    /// (false) when this activation applied a message published at or after the last change already: the change
    /// must then take effect later.
    /// </summary>
    Task<bool> UseZoneHistoryAsync(Zones.ZoneHistory history);
}
