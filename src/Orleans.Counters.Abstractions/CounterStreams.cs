namespace Orleans.Counters;

/// <summary>Names of the stream that carries events from the gateway to the ingest grains.</summary>
public static class CounterStreams
{
    /// <summary>The stream provider's name.</summary>
    public const string ProviderName = "counters";

    /// <summary>The stream namespace; the stream key is the account.</summary>
    public const string EventsNamespace = "events";
}
