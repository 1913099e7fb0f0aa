namespace Orleans.Counters.Grains.Counters;

/// <summary>What every counters grain persists: each series' segments, and the group's version.</summary>
[GenerateSerializer, Alias("counters.counters-state")]
public class CountersState
{
    /// <summary>The count per segment of each series counted; sized to the period's segments.</summary>
    [Id(0)] public Dictionary<SeriesId, long[]> Series { get; set; } = [];

    /// <summary>Grows with every change; see <see cref="VersionClock"/>.</summary>
    [Id(1)] public long Version { get; set; }

    /// <summary>The version last reported to the parent period.</summary>
    [Id(2)] public long ReportedVersion { get; set; }

    /// <summary>
    /// True when written by a normal deactivation; false in the snapshots written while active. A
    /// rollup activated from an unclean snapshot (its silo died) asks its children for their totals again.
    /// </summary>
    [Id(3)] public bool Clean { get; set; }

    /// <summary>The bots' events, sums and users of the series that have any; most have none.</summary>
    [Id(4)] public Dictionary<SeriesId, SeriesExtras> Extras { get; set; } = [];

    /// <summary>A series' counts per segment, created (all zero, <paramref name="segments"/> long) on first use.</summary>
    public long[] CountsOf(SeriesId series, int segments)
    {
        if (!Series.TryGetValue(series, out var counts))
        {
            counts = new long[segments];
            Series.Add(series, counts);
        }

        return counts;
    }

    /// <summary>A series' extras, created (empty) on first use.</summary>
    public SeriesExtras ExtrasOf(SeriesId series)
    {
        if (!Extras.TryGetValue(series, out var extras))
        {
            extras = new SeriesExtras();
            Extras.Add(series, extras);
        }

        return extras;
    }
}
