namespace Orleans.Counters.Gateway.Ingestion.Import;

/// <summary>The answer to an accepted import.</summary>
/// <param name="Accepted">The events of the request: all were taken.</param>
/// <param name="Repeats">Those of them whose (account, id) was already counted, within <c>Counters:IdempotencyWindow</c>: not counted again.</param>
public sealed record ImportedEvents(int Accepted, int Repeats);
