namespace Orleans.Counters.Bench.Load;

/// <summary>The same batch load spread evenly over the accounts, and with one account taking most of it.</summary>
/// <param name="Even">Every account takes the same share.</param>
/// <param name="Hot">One account takes the hot share.</param>
/// <param name="Detail">How it was measured, for the report.</param>
public sealed record HotAccountOutcome(ThroughputOutcome Even, ThroughputOutcome Hot, string Detail) : IOutcome;
