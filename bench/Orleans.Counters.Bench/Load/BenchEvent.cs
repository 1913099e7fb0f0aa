namespace Orleans.Counters.Bench.Load;

/// <summary>One generated event: what every scenario and baseline counts.</summary>
public readonly record struct BenchEvent(string Account, string Type, string Url, DateTime Timestamp);
