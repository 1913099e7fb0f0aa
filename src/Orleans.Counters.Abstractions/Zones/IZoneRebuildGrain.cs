namespace Orleans.Counters.Zones;

/// <summary>
/// Moves an account's counted past from its former time zone's hours into its new zone's, then has the
/// account's reads switch zone. Durable: it keeps its progress, and every step can be taken again without
/// counting anything twice, so it resumes where it stopped after a silo or the database went away. Key: the account.
/// </summary>
public interface IZoneRebuildGrain : IGrainWithStringKey
{
    /// <summary>Starts moving the counts of <paramref name="from"/> into <paramref name="to"/>; a start already made is kept.</summary>
    Task StartAsync(ZoneTarget from, ZoneTarget to);

    /// <summary>Goes on with a rebuild that is not done, if no activation of this grain is working on it.</summary>
    Task ResumeAsync();

    /// <summary>The progress of the last rebuild; null when the account never changed zone after counting.</summary>
    [AlwaysInterleave]
    Task<ZoneRebuildProgress?> GetProgressAsync();
}
