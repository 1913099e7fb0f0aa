namespace Orleans.Counters.Gateway.Ingestion;

/// <summary>The raw body of an ingestion request and the format it is in.</summary>
/// <param name="Bytes">The body, UTF-8, without a byte-order mark.</param>
/// <param name="IsNdjson">True for newline-delimited JSON: one event per line.</param>
public sealed record EventBody(ReadOnlyMemory<byte> Bytes, bool IsNdjson);
