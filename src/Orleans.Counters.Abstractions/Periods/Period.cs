using System.Globalization;

namespace Orleans.Counters.Periods;

/// <summary>
/// One calendar period: a year, month, day or hour, in UTC or in an account's IANA time zone, and
/// the segments it splits into. A year has 12 months, a month its 28–31 days, a day 24 hours (23 or
/// 25 on the days daylight saving starts or ends), an hour 60 minutes. A day's hours are numbered
/// from its local midnight, so on such days they are not the hours its clock shows.
/// </summary>
[GenerateSerializer, Immutable, Alias("counters.period")]
public readonly record struct Period
{
    /// <summary>The first year a period may lie in.</summary>
    public const int MinYear = 1;

    /// <summary>The last year a period may lie in: year 9999 has no representable end.</summary>
    public const int MaxYear = 9998;

    private Period(PeriodKind kind, DateTime local, int hour, string? zone, DateTime start, DateTime end)
    {
        if (local.Year > MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(local), local, $"Periods end in year {MaxYear}.");
        }

        Kind = kind;
        Local = local;
        HourOfDay = hour;
        Zone = zone;
        Start = start;
        End = end;
    }

    /// <summary>What kind of period this is.</summary>
    [Id(0)] public PeriodKind Kind { get; }

    /// <summary>The first instant of the period, UTC.</summary>
    [Id(1)] public DateTime Start { get; }

    /// <summary>The first instant after the period, UTC.</summary>
    [Id(2)] public DateTime End { get; }

    /// <summary>The local date the period starts on (for an hour, its day's date); no time of day.</summary>
    [Id(3)] public DateTime Local { get; }

    /// <summary>For an hour, its number in its day counted from local midnight (0–24); otherwise 0.</summary>
    [Id(4)] public int HourOfDay { get; }

    /// <summary>The IANA time zone the period is local to; null for UTC.</summary>
    [Id(5)] public string? Zone { get; }

    /// <summary>How many segments the period splits into: 12, 28–31, 23–25 or 60.</summary>
    public int SegmentCount => Kind switch
    {
        PeriodKind.Year => 12,
        PeriodKind.Month => DateTime.DaysInMonth(Local.Year, Local.Month),
        PeriodKind.Day => (int)(((End - Start).Ticks + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour),
        _ => 60,
    };

    /// <summary>The number a segment is shown under: months and days count from 1, hours and minutes from 0.</summary>
    public int SegmentLabel(int segment) => Kind is PeriodKind.Year or PeriodKind.Month ? segment + 1 : segment;

    /// <summary>The first instant of a segment; <see cref="End"/> for the segment after the last.</summary>
    public DateTime SegmentStart(int segment) => Kind switch
    {
        PeriodKind.Year or PeriodKind.Month => segment == SegmentCount ? End : Child(segment).Start,
        PeriodKind.Day => Min(Start.AddHours(segment), End),
        _ => Start.AddMinutes(segment),
    };

    /// <summary>The segment an instant inside the period falls in.</summary>
    public int SegmentOf(DateTime utc) => Kind switch
    {
        PeriodKind.Year => TimeZones.ToLocal(utc, Zone).Month - 1,
        PeriodKind.Month => TimeZones.ToLocal(utc, Zone).Day - 1,
        PeriodKind.Day => (int)((utc - Start).Ticks / TimeSpan.TicksPerHour),
        _ => (int)((utc - Start).Ticks / TimeSpan.TicksPerMinute),
    };

    /// <summary>True when the instant lies in [Start, End).</summary>
    public bool Contains(DateTime utc) => utc >= Start && utc < End;

    /// <summary>The period one level up (hour → day → month → year), or null for a year.</summary>
    public Period? Parent => Kind switch
    {
        PeriodKind.Hour => OfDay(Local.Year, Local.Month, Local.Day, Zone),
        PeriodKind.Day => OfMonth(Local.Year, Local.Month, Zone),
        PeriodKind.Month => OfYear(Local.Year, Zone),
        _ => null,
    };

    /// <summary>This period's segment number inside its parent.</summary>
    public int IndexInParent => Kind switch
    {
        PeriodKind.Month => Local.Month - 1,
        PeriodKind.Day => Local.Day - 1,
        PeriodKind.Hour => HourOfDay,
        _ => throw new InvalidOperationException("A year has no parent period."),
    };

    /// <summary>The child period behind a segment (a year's month, a month's day, a day's hour).</summary>
    public Period Child(int segment) => Kind switch
    {
        PeriodKind.Year => OfMonth(Local.Year, segment + 1, Zone),
        PeriodKind.Month => OfDay(Local.Year, Local.Month, segment + 1, Zone),
        PeriodKind.Day => HourOf(this, segment),
        _ => throw new InvalidOperationException("An hour's segments are minutes, not periods."),
    };

    /// <summary>The period of the given kind that contains an instant, in UTC or in <paramref name="zone"/>.</summary>
    public static Period Containing(PeriodKind kind, DateTime instant, string? zone = null)
    {
        var utc = ToUtc(instant);
        if (zone is null && kind == PeriodKind.Hour)
        {
            // The ingest path asks this for every event: skip the calendar arithmetic of the general case.
            var hourStart = new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
            return new Period(kind, DateTime.SpecifyKind(hourStart.Date, DateTimeKind.Unspecified), hourStart.Hour, null, hourStart, hourStart.AddHours(1));
        }

        var local = TimeZones.ToLocal(utc, zone);
        return kind switch
        {
            PeriodKind.Year => OfYear(local.Year, zone),
            PeriodKind.Month => OfMonth(local.Year, local.Month, zone),
            PeriodKind.Day => OfDay(local.Year, local.Month, local.Day, zone),
            PeriodKind.Hour => HourContaining(OfDay(local.Year, local.Month, local.Day, zone), utc),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>A year, in UTC or in <paramref name="zone"/>.</summary>
    public static Period Year(int year, string? zone = null) => OfYear(year, zone);

    /// <summary>A month (1–12) of a year.</summary>
    public static Period Month(int year, int month, string? zone = null) => OfMonth(year, month, zone);

    /// <summary>A day of a month.</summary>
    public static Period Day(int year, int month, int day, string? zone = null) => OfDay(year, month, day, zone);

    /// <summary>An hour of a day, counted from its local midnight: 0–23, or up to 22 or 24 on daylight-saving days.</summary>
    public static Period Hour(int year, int month, int day, int hour, string? zone = null)
    {
        var whole = OfDay(year, month, day, zone);
        if (hour < 0 || hour >= whole.SegmentCount)
        {
            throw new ArgumentOutOfRangeException(nameof(hour), hour, $"{whole} has {whole.SegmentCount} hours.");
        }

        return HourOf(whole, hour);
    }

    /// <summary>
    /// The period's stable text form, used in grain keys: 2024, 2024-02, 2024-02-29, 2024-02-29T16 in UTC,
    /// and the same followed by <c>@</c> and the zone elsewhere: 2024-03-10T02@America/New_York.
    /// </summary>
    public override string ToString()
    {
        var text = Kind switch
        {
            PeriodKind.Year => Local.ToString("yyyy", CultureInfo.InvariantCulture),
            PeriodKind.Month => Local.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            PeriodKind.Day => Local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => Local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + HourOfDay.ToString("00", CultureInfo.InvariantCulture),
        };
        return Zone is null ? text : $"{text}@{Zone}";
    }

    /// <summary>Reads the text form written by <see cref="ToString"/>.</summary>
    public static Period Parse(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var zone = at < 0 ? null : text[(at + 1)..];
        var calendar = at < 0 ? text : text[..at];
        if (zone is not null && (!TimeZones.TryNormalize(zone, out var normalized) || normalized != zone))
        {
            throw new FormatException($"'{text}' is not a period: unknown time zone.");
        }

        var parts = calendar.Split('-', 'T');
        var numbers = new int[parts.Length];
        int[] digits = [4, 2, 2, 2];
        for (var i = 0; i < parts.Length; i++)
        {
            if (i >= digits.Length || parts[i].Length != digits[i] || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                throw new FormatException($"'{text}' is not a period.");
            }
        }

        if (calendar.Length != parts.Length switch { 1 => 4, 2 => 7, 3 => 10, _ => 13 } || (parts.Length == 4 && calendar[10] != 'T'))
        {
            throw new FormatException($"'{text}' is not a period.");
        }

        try
        {
            return parts.Length switch
            {
                1 => Year(numbers[0], zone),
                2 => Month(numbers[0], numbers[1], zone),
                3 => Day(numbers[0], numbers[1], numbers[2], zone),
                _ => Hour(numbers[0], numbers[1], numbers[2], numbers[3], zone),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"'{text}' is not a period.", e);
        }
    }

    private static Period OfYear(int year, string? zone)
    {
        var local = new DateTime(year, 1, 1);
        return new(PeriodKind.Year, local, 0, zone, TimeZones.ToUtc(local, zone), TimeZones.ToUtc(local.AddYears(1), zone));
    }

    private static Period OfMonth(int year, int month, string? zone)
    {
        var local = new DateTime(year, month, 1);
        return new(PeriodKind.Month, local, 0, zone, TimeZones.ToUtc(local, zone), TimeZones.ToUtc(local.AddMonths(1), zone));
    }

    private static Period OfDay(int year, int month, int day, string? zone)
    {
        var local = new DateTime(year, month, day);
        return new(PeriodKind.Day, local, 0, zone, TimeZones.ToUtc(local, zone), TimeZones.ToUtc(local.AddDays(1), zone));
    }

    private static Period HourOf(Period day, int hour)
    {
        var start = day.SegmentStart(hour);
        return new(PeriodKind.Hour, day.Local, hour, day.Zone, start, Min(start.AddHours(1), day.End));
    }

    private static Period HourContaining(Period day, DateTime utc) => HourOf(day, day.SegmentOf(utc));

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime ToUtc(DateTime instant) => instant.Kind switch
    {
        DateTimeKind.Utc => instant,
        DateTimeKind.Local => instant.ToUniversalTime(),
        _ => DateTime.SpecifyKind(instant, DateTimeKind.Utc),
    };
}
