namespace Orleans.Counters.Postgres.Tests;

/// <summary>An event a consumer received: its stream key, its token and its text.</summary>
public sealed record Delivery(string Key, long Sequence, int EventIndex, string Text);
