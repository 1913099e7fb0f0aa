using System.Collections.Concurrent;

namespace Orleans.Counters.Periods;

/// <summary>
/// IANA time zones as periods use them: looked up once, and local calendar times turned into the
/// instants they name, also where a daylight-saving change skips or repeats them.
/// </summary>
public static class TimeZones
{
    /// <summary>The name counters use for UTC, the default zone.</summary>
    public const string Utc = "UTC";

    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Found = new(StringComparer.Ordinal);

    /// <summary>
    /// The zone's canonical name, or null when it is UTC (or <c>Etc/UTC</c>).
    /// False when the name is not an IANA zone this machine knows.
    /// </summary>
    public static bool TryNormalize(string? name, out string? zone)
    {
        zone = null;
        if (string.IsNullOrEmpty(name) || name is Utc or "Etc/UTC")
        {
            return true;
        }

        if (name.Contains('|') || name.Contains('@') || !TimeZoneInfo.TryFindSystemTimeZoneById(name, out var info) || !info.HasIanaId)
        {
            return false;
        }

        zone = info.Id;
        return true;
    }

    /// <summary>The zone of a normalised name; null stands for UTC.</summary>
    public static TimeZoneInfo Find(string? zone) =>
        zone is null ? TimeZoneInfo.Utc : Found.GetOrAdd(zone, TimeZoneInfo.FindSystemTimeZoneById);

    /// <summary>The local calendar time an instant shows in a zone.</summary>
    public static DateTime ToLocal(DateTime utc, string? zone) =>
        zone is null ? DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) : TimeZoneInfo.ConvertTimeFromUtc(utc, Find(zone));

    /// <summary>
    /// The instant a local calendar time names in a zone. A time skipped by a daylight-saving change
    /// names the instant of the change; a time shown twice names its first showing.
    /// </summary>
    public static DateTime ToUtc(DateTime local, string? zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone is null)
        {
            return DateTime.SpecifyKind(local, DateTimeKind.Utc);
        }

        var info = Find(zone);
        if (info.IsAmbiguousTime(local))
        {
            return DateTime.SpecifyKind(local - info.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc);
        }

        if (info.IsInvalidTime(local))
        {
            // The clock jumped over this time: read it with the offset in force just before the jump.
            var offsetBefore = info.GetUtcOffset(DateTime.SpecifyKind(local.AddHours(-3), DateTimeKind.Unspecified));
            return DateTime.SpecifyKind(local - offsetBefore, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, info);
    }
}
