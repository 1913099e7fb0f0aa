using Orleans.Counters.Periods;

namespace Orleans.Counters.Zones;

/// <summary>Whether two zones' hours begin at the same instants, so that each hour of one is a whole hour of the other.</summary>
public static class ZoneAlignment
{
    /// <summary>
    /// True when every offset from UTC either zone has used since 1970, or uses by its rules, is the same number
    /// of minutes past the hour: then every local hour of one is exactly a local hour of the other. (Counts
    /// before 1970 are rare; a zone's local mean time of the 1800s would make almost no pair align.)
    /// </summary>
    public static bool HoursAlign(string? from, string? to)
    {
        var minutes = Offsets(from).Concat(Offsets(to)).Select(offset => ((int)offset.TotalMinutes % 60 + 60) % 60).Distinct();
        return minutes.Count() == 1;
    }

    private static IEnumerable<TimeSpan> Offsets(string? zone)
    {
        var info = TimeZones.Find(zone);
        yield return info.BaseUtcOffset;
        foreach (var rule in info.GetAdjustmentRules().Where(rule => rule.DateEnd.Year >= 1970))
        {
            yield return info.BaseUtcOffset + rule.BaseUtcOffsetDelta;
            yield return info.BaseUtcOffset + rule.BaseUtcOffsetDelta + rule.DaylightDelta;
        }
    }
}
