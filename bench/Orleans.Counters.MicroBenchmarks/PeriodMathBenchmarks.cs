namespace Orleans.Counters.MicroBenchmarks;

/// <summary>
/// Calendar period math: the hour of an instant, climbing from an hour to its year, descending
/// from a day to one of its hours, and covering a multi-month range with the fewest slices.
/// Per-call figures are the mean over 1,000 seeded instants.
/// </summary>
[MemoryDiagnoser]
public class PeriodMathBenchmarks
{
    private const int Instants = 1_000;

    private static readonly DateTime RangeFrom = new(2025, 11, 17, 13, 47, 30, DateTimeKind.Utc);
    private static readonly DateTime RangeTo = new(2026, 3, 4, 8, 21, 10, DateTimeKind.Utc);

    private DateTime[] _instants = null!;
    private Period[] _hours = null!;
    private Period[] _days = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Instants);
        var from = SampleEvents.Now.AddYears(-2);
        var span = SampleEvents.Now - from;
        _instants = [.. Enumerable.Range(0, Instants).Select(_ => from.AddTicks((long)(random.NextDouble() * span.Ticks)))];
        _hours = [.. _instants.Select(instant => Period.Containing(PeriodKind.Hour, instant))];
        _days = [.. _instants.Select(instant => Period.Containing(PeriodKind.Day, instant))];
    }

    [Benchmark(OperationsPerInvoke = Instants, Description = "Period.Containing(Hour, instant), per call")]
    public long HourContainingInstant()
    {
        var ticks = 0L;
        foreach (var instant in _instants)
        {
            ticks ^= Period.Containing(PeriodKind.Hour, instant).Start.Ticks;
        }

        return ticks;
    }

    [Benchmark(OperationsPerInvoke = Instants, Description = "Parent chain hour → day → month → year, per hour")]
    public long ParentsUpToYear()
    {
        var ticks = 0L;
        foreach (var hour in _hours)
        {
            var period = hour;
            while (period.Parent is { } parent)
            {
                period = parent;
            }

            ticks ^= period.Start.Ticks;
        }

        return ticks;
    }

    [Benchmark(OperationsPerInvoke = Instants, Description = "Period.Child(hour) of a day, per call")]
    public long ChildHourOfDay()
    {
        var ticks = 0L;
        for (var index = 0; index < _days.Length; index++)
        {
            ticks ^= _days[index].Child(index % 24).Start.Ticks;
        }

        return ticks;
    }

    [Benchmark(Description = "RangeCover.Cover, 2025-11-17T13:47:30 → 2026-03-04T08:21:10")]
    public IReadOnlyList<PeriodSlice> CoverMultiMonthRange() => RangeCover.Cover(RangeFrom, RangeTo);
}
