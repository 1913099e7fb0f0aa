using System.Globalization;

namespace Orleans.Counters.Periods;

/// <summary>
/// One calendar period in UTC: a year, month, day or hour, and the segments it splits into.
/// A year has 12 months, a month its 28–31 days, a day 24 hours, an hour 60 minutes.
/// </summary>
[GenerateSerializer, Immutable, Alias("counters.period")]
public readonly record struct Period
{
    /// <summary>The first year a period may lie in.</summary>
    public const int MinYear = 1;

    /// <summary>The last year a period may lie in: year 9999 has no representable end.</summary>
    public const int MaxYear = 9998;

    private Period(PeriodKind kind, DateTime start)
    {
        if (start.Year > MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"Periods end in year {MaxYear}.");
        }

        Kind = kind;
        Start = start;
    }

    /// <summary>What kind of period this is.</summary>
    [Id(0)] public PeriodKind Kind { get; }

    /// <summary>The first instant of the period, UTC.</summary>
    [Id(1)] public DateTime Start { get; }

    /// <summary>The first instant after the period.</summary>
    public DateTime End => Kind switch
    {
        PeriodKind.Year => Start.AddYears(1),
        PeriodKind.Month => Start.AddMonths(1),
        PeriodKind.Day => Start.AddDays(1),
        _ => Start.AddHours(1),
    };

    /// <summary>How many segments the period splits into: 12, 28–31, 24 or 60.</summary>
    public int SegmentCount => Kind switch
    {
        PeriodKind.Year => 12,
        PeriodKind.Month => DateTime.DaysInMonth(Start.Year, Start.Month),
        PeriodKind.Day => 24,
        _ => 60,
    };

    /// <summary>The number a segment is shown under: months and days count from 1, hours and minutes from 0.</summary>
    public int SegmentLabel(int segment) => Kind is PeriodKind.Year or PeriodKind.Month ? segment + 1 : segment;

    /// <summary>The first instant of a segment.</summary>
    public DateTime SegmentStart(int segment) => Kind switch
    {
        PeriodKind.Year => Start.AddMonths(segment),
        PeriodKind.Month => Start.AddDays(segment),
        PeriodKind.Day => Start.AddHours(segment),
        _ => Start.AddMinutes(segment),
    };

    /// <summary>The segment an instant inside the period falls in.</summary>
    public int SegmentOf(DateTime utc) => Kind switch
    {
        PeriodKind.Year => utc.Month - 1,
        PeriodKind.Month => utc.Day - 1,
        PeriodKind.Day => utc.Hour,
        _ => utc.Minute,
    };

    /// <summary>True when the instant lies in [Start, End).</summary>
    public bool Contains(DateTime utc) => utc >= Start && utc < End;

    /// <summary>The period one level up (hour → day → month → year), or null for a year.</summary>
    public Period? Parent => Kind == PeriodKind.Year ? null : Containing(Kind + 1, Start);

    /// <summary>This period's segment number inside its parent.</summary>
    public int IndexInParent => Kind switch
    {
        PeriodKind.Month => Start.Month - 1,
        PeriodKind.Day => Start.Day - 1,
        PeriodKind.Hour => Start.Hour,
        _ => throw new InvalidOperationException("A year has no parent period."),
    };

    /// <summary>The child period behind a segment (a year's month, a month's day, a day's hour).</summary>
    public Period Child(int segment) => Kind == PeriodKind.Hour
        ? throw new InvalidOperationException("An hour's segments are minutes, not periods.")
        : new Period(Kind - 1, SegmentStart(segment));

    /// <summary>The period of the given kind that contains an instant.</summary>
    public static Period Containing(PeriodKind kind, DateTime instant)
    {
        var utc = ToUtc(instant);
        return kind switch
        {
            PeriodKind.Year => new(kind, new DateTime(utc.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            PeriodKind.Month => new(kind, new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc)),
            PeriodKind.Day => new(kind, new DateTime(utc.Year, utc.Month, utc.Day, 0, 0, 0, DateTimeKind.Utc)),
            PeriodKind.Hour => new(kind, new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>A year.</summary>
    public static Period Year(int year) => new(PeriodKind.Year, new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>A month of a year (1–12).</summary>
    public static Period Month(int year, int month) => new(PeriodKind.Month, new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>A day of a month.</summary>
    public static Period Day(int year, int month, int day) => new(PeriodKind.Day, new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>An hour (0–23) of a day.</summary>
    public static Period Hour(int year, int month, int day, int hour) => new(PeriodKind.Hour, new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc));

    /// <summary>The period's stable text form, used in grain keys: 2024, 2024-02, 2024-02-29, 2024-02-29T16.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Year => Start.ToString("yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Start.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture),
    };

    /// <summary>Reads the text form written by <see cref="ToString"/>.</summary>
    public static Period Parse(string text)
    {
        (PeriodKind Kind, string Format) shape = text.Length switch
        {
            4 => (PeriodKind.Year, "yyyy"),
            7 => (PeriodKind.Month, "yyyy-MM"),
            10 => (PeriodKind.Day, "yyyy-MM-dd"),
            13 => (PeriodKind.Hour, "yyyy-MM-dd'T'HH"),
            _ => throw new FormatException($"'{text}' is not a period."),
        };
        var start = DateTime.ParseExact(text, shape.Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return new Period(shape.Kind, start);
    }

    private static DateTime ToUtc(DateTime instant) => instant.Kind switch
    {
        DateTimeKind.Utc => instant,
        DateTimeKind.Local => instant.ToUniversalTime(),
        _ => DateTime.SpecifyKind(instant, DateTimeKind.Utc),
    };
}
