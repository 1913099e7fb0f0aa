using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Counters;

/// <summary>
/// An hour's state: minute segments per series and the last stream message applied per source; and, across
/// a change of its account's time zone, the layers it took from the former zone's hours, or the zone it
/// passes its own counts on to.
/// </summary>
[GenerateSerializer, Alias("counters.hour-counters-state")]
public sealed class HourCountersState : CountersState
{
    /// <summary>The position of the last applied message, per source stream.</summary>
    [Id(0)] public Dictionary<string, StreamPosition> Applied { get; set; } = [];

    /// <summary>
    /// The latest layer taken from each hour of a former zone (by its key), part of <see cref="CountersState.Series"/>
    /// already: kept so that a newer one replaces it instead of adding to it.
    /// </summary>
    [Id(1)] public Dictionary<string, ZoneLayer> Layers { get; set; } = [];

    /// <summary>The zone this hour passes its counts on to, once its account left this hour's zone; null before.</summary>
    [Id(2)] public ZoneTarget? RebucketTo { get; set; }

    /// <summary>The version whose counts the hours of <see cref="RebucketTo"/> have taken.</summary>
    [Id(3)] public long RebucketedVersion { get; set; }
}
