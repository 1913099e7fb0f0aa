namespace Orleans.Counters.Grains;

/// <summary>How many events fell in one minute (0–59) of an hour.</summary>
[GenerateSerializer, Immutable, Alias("counters.minute-count")]
public readonly record struct MinuteCount([property: Id(0)] int Minute, [property: Id(1)] long Count);
