namespace Orleans.Counters.Grains.Counters;

/// <summary>What every counter grain persists: its segments, their total and its version.</summary>
[GenerateSerializer, Alias("counters.counter-state")]
public class CounterState
{
    /// <summary>The count per segment; sized on first activation.</summary>
    [Id(0)] public long[] Segments { get; set; } = [];

    /// <summary>The sum of <see cref="Segments"/>.</summary>
    [Id(1)] public long Total { get; set; }

    /// <summary>Grows with every change; see <see cref="VersionClock"/>.</summary>
    [Id(2)] public long Version { get; set; }

    /// <summary>The version last reported to the parent period.</summary>
    [Id(3)] public long ReportedVersion { get; set; }

    /// <summary>
    /// True when written by a normal deactivation; false in the snapshots written while active. A
    /// rollup activated from an unclean snapshot (its silo died) asks its children for their totals again.
    /// </summary>
    [Id(4)] public bool Clean { get; set; }
}
