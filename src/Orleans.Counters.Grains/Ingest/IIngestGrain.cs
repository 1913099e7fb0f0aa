namespace Orleans.Counters.Grains.Ingest;

/// <summary>The ingest grain of one account (key: the account). It is fed by its stream.</summary>
public interface IIngestGrain : IGrainWithStringKey
{
    /// <summary>Counts the account's later events in the hours of <paramref name="zone"/> (null: UTC).</summary>
    Task UseTimeZoneAsync(string? zone);
}
