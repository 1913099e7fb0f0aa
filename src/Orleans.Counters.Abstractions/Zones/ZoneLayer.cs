using Orleans.Counters.Series;
using Orleans.Counters.Uniques;

namespace Orleans.Counters.Zones;

/// <summary>
/// What one hour of an account's former zone holds for one hour of its new zone: the absolute counts of the
/// minutes the two share, per series. The new hour keeps the latest layer of each source (a higher
/// <paramref name="Version"/> replaces the one it has), so sending a layer again, or a newer one after late events
/// reached the former hour, never counts a minute twice.
/// </summary>
/// <param name="Source">The former hour's counter group (its key).</param>
/// <param name="Version">The former hour's version when the layer was made.</param>
/// <param name="Series">The series with counts in the shared minutes.</param>
[GenerateSerializer, Immutable, Alias("counters.zone-layer")]
public sealed record ZoneLayer([property: Id(0)] string Source, [property: Id(1)] long Version, [property: Id(2)] ImmutableArray<LayerSeries> Series);

/// <summary>One series of a <see cref="ZoneLayer"/>, by the new hour's minutes.</summary>
/// <param name="Series">The series.</param>
/// <param name="Counts">Its counted events per minute of the new hour (60), zero outside the shared minutes.</param>
/// <param name="Bots">The bots' events per minute, or null when none.</param>
/// <param name="Sums">The sums of values per minute, or null when none.</param>
/// <param name="Users">
/// The former hour's users, or null when none. Users are kept per hour, not per minute: when the two hours share
/// only part of their minutes, the whole hour's users go with each part, and the account's uniques of those
/// periods are marked approximate (<see cref="ZoneRebuild.UniquesApproximate"/>).
/// </param>
[GenerateSerializer, Immutable, Alias("counters.layer-series")]
public sealed record LayerSeries(
    [property: Id(0)] SeriesId Series,
    [property: Id(1)] long[] Counts,
    [property: Id(2)] long[]? Bots,
    [property: Id(3)] decimal[]? Sums,
    [property: Id(4)] UserSketch? Users);
