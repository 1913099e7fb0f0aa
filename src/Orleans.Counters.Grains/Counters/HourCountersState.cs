namespace Orleans.Counters.Grains.Counters;

/// <summary>An hour's state: minute segments per series and the last stream message applied per source.</summary>
[GenerateSerializer, Alias("counters.hour-counters-state")]
public sealed class HourCountersState : CountersState
{
    /// <summary>The position of the last applied message, per source stream.</summary>
    [Id(0)] public Dictionary<string, StreamPosition> Applied { get; set; } = [];
}
