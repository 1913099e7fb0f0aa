namespace Orleans.Counters.Bench.Load;

/// <summary>A command rate measured by a server's own benchmark tool.</summary>
/// <param name="CommandsPerSecond">Commands answered per second.</param>
/// <param name="Detail">How it was measured, for the report.</param>
public sealed record CommandRateOutcome(double CommandsPerSecond, string Detail) : IOutcome;
