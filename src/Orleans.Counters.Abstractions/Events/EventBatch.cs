namespace Orleans.Counters.Events;

/// <summary>The events of one request for one account: one message on the account's stream.</summary>
[GenerateSerializer, Immutable, Alias("counters.event-batch")]
public sealed record EventBatch([property: Id(0)] string Account, [property: Id(1)] ImmutableArray<CounterEvent> Events);
