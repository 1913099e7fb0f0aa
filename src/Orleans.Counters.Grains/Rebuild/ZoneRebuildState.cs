using Orleans.Counters.Zones;

namespace Orleans.Counters.Grains.Rebuild;

/// <summary>An account's last time zone rebuild, as stored: every step can be taken again, so it resumes from here.</summary>
[GenerateSerializer, Alias("counters.zone-rebuild-state")]
public sealed class ZoneRebuildState
{
    /// <summary>The former zone; null before the first rebuild.</summary>
    [Id(0)] public ZoneTarget? From { get; set; }

    /// <summary>The new zone; null before the first rebuild.</summary>
    [Id(1)] public ZoneTarget? To { get; set; }

    /// <summary>Where the rebuild is: <see cref="ZoneRebuildPhase"/>.</summary>
    [Id(2)] public ZoneRebuildPhase Phase { get; set; }

    /// <summary>The former zone's hour groups with counts (their keys), found by the walk.</summary>
    [Id(3)] public List<string> Hours { get; set; } = [];

    /// <summary>How many of <see cref="Hours"/>, from the first, passed their counts on.</summary>
    [Id(4)] public int Done { get; set; }

    /// <summary>When the change was made.</summary>
    [Id(5)] public DateTime StartedAt { get; set; }

    /// <summary>When reads switched to the new zone.</summary>
    [Id(6)] public DateTime? FinishedAt { get; set; }
}

/// <summary>The steps of a time zone rebuild, in order.</summary>
public enum ZoneRebuildPhase
{
    /// <summary>No rebuild was ever started.</summary>
    None,

    /// <summary>Walking the former zone's periods for the hours with counts.</summary>
    Finding,

    /// <summary>Each hour found passes its counts on to the new zone's hours.</summary>
    Moving,

    /// <summary>The new zone's days, months and years take the hours' reports.</summary>
    Settling,

    /// <summary>Reads use the new zone.</summary>
    Done,
}
