namespace Orleans.Counters.Grains.Rebuild;

/// <summary>
/// Finds an account's hour groups with counts in one zone, by walking its years, months and days down to the hours
/// that reported to them: a grain per period with counts, none for the empty ones in between.
/// </summary>
/// <param name="grains">Reaches the counters.</param>
public sealed class ZoneHourFinder(IGrainFactory grains)
{
    /// <summary>The hour groups of <paramref name="account"/> in <paramref name="zone"/> with counts, between the local years of <paramref name="first"/> and <paramref name="last"/>.</summary>
    public async Task<IReadOnlyList<CounterGroup>> FindAsync(string account, string? zone, DateTime first, DateTime last)
    {
        var years = Enumerable.Range(TimeZones.ToLocal(first, zone).Year, TimeZones.ToLocal(last, zone).Year - TimeZones.ToLocal(first, zone).Year + 1);
        var groups = years
            .SelectMany(year => Enumerable.Range(0, CounterGroup.ShardCount).Select(shard => new CounterGroup(account, Period.Year(year, zone), shard)))
            .ToList();
        while (groups.Count > 0 && groups[0].Period.Kind != PeriodKind.Hour)
        {
            var children = await Task.WhenAll(groups.Select(async group =>
                (await grains.GetRollupCounters(group).GetReportedSegmentsAsync()).Select(group.Child)));
            groups = [.. children.SelectMany(c => c)];
        }

        return groups;
    }
}
