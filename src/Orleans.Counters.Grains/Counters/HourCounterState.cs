namespace Orleans.Counters.Grains.Counters;

/// <summary>An hour counter's state: minute segments and the last stream message applied per source.</summary>
[GenerateSerializer, Alias("counters.hour-state")]
public sealed class HourCounterState : CounterState
{
    /// <summary>The position of the last applied message, per source stream.</summary>
    [Id(0)] public Dictionary<string, StreamPosition> Applied { get; set; } = [];
}
