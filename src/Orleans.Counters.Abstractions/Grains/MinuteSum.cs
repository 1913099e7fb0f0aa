namespace Orleans.Counters.Grains;

/// <summary>The sum of the values of the events in one minute (0–59) of an hour.</summary>
[GenerateSerializer, Immutable, Alias("counters.minute-sum")]
public readonly record struct MinuteSum([property: Id(0)] int Minute, [property: Id(1)] decimal Sum);
