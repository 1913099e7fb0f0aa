namespace Orleans.Counters.Grains.Ingest;

/// <summary>The ingest grain of one account (key: the account). It is fed by its stream, not called.</summary>
public interface IIngestGrain : IGrainWithStringKey;
