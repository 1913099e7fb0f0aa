namespace Orleans.Counters;

/// <summary>Names of the stream that carries events from the gateway to the ingest grains.</summary>
public static class CounterStreams
{
    /// <summary>The stream provider's name.</summary>
    public const string ProviderName = "counters";

    /// <summary>The stream namespace; the stream key is the account.</summary>
    public const string EventsNamespace = "events";

    /// <summary>
    /// The most messages of one stream a silo's pulling agent hands its ingest grain in one delivery, in durable
    /// mode: those it holds for the account are applied in one turn, with one call per hour group they touch, so a
    /// load of many small requests costs a few turns instead of one per message.
    /// </summary>
    public const int DeliveryBatchSize = 64;
}
