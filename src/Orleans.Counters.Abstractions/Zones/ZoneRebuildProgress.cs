namespace Orleans.Counters.Zones;

/// <summary>How far an account's rebuild into a new time zone has come.</summary>
/// <param name="From">The former zone; null for UTC.</param>
/// <param name="To">The new zone; null for UTC.</param>
/// <param name="Phase">
/// <c>finding</c> (walking the former zone's years, months and days for hours with counts), <c>moving</c> (each
/// hour passes its minutes to the new zone's hours), <c>settling</c> (the new zone's days, months and years take
/// the hours' reports) or <c>done</c>.
/// </param>
/// <param name="HoursDone">The former zone's hour groups moved so far.</param>
/// <param name="HoursTotal">The former zone's hour groups found; 0 until they are.</param>
/// <param name="StartedAt">When the change was made (UTC).</param>
/// <param name="FinishedAt">When reads switched to the new zone (UTC); null until then.</param>
[GenerateSerializer, Immutable, Alias("counters.zone-rebuild-progress")]
public sealed record ZoneRebuildProgress(
    [property: Id(0)] string? From,
    [property: Id(1)] string? To,
    [property: Id(2)] string Phase,
    [property: Id(3)] int HoursDone,
    [property: Id(4)] int HoursTotal,
    [property: Id(5)] DateTime StartedAt,
    [property: Id(6)] DateTime? FinishedAt);
