namespace Orleans.Counters.Testing;

/// <summary>
/// A seeded generator of events over several accounts, types and URLs, with timestamps over two
/// calendar years (2024, a leap year, and 2025) that hit the awkward boundaries: new year,
/// month ends, 29 February, the first and last instant of an hour.
/// </summary>
public sealed class EventGenerator(int seed)
{
    /// <summary>The accounts events are spread over.</summary>
    public static readonly string[] Accounts = ["acme", "globex", "initech", "umbrella"];

    /// <summary>The event types.</summary>
    public static readonly string[] Types = ["pageview", "order", "click"];

    /// <summary>The URLs; one event in ten has none.</summary>
    public static readonly string[] Urls = ["/", "/products", "/products/42", "/cart", "/blog/hello-world", "/checkout"];

    private static readonly DateTime[] BoundaryHours =
    [
        Utc(2024, 1, 1, 0), Utc(2024, 1, 31, 23), Utc(2024, 2, 1, 0), Utc(2024, 2, 28, 23), Utc(2024, 2, 29, 0),
        Utc(2024, 2, 29, 23), Utc(2024, 3, 1, 0), Utc(2024, 6, 30, 23), Utc(2024, 12, 31, 23), Utc(2025, 1, 1, 0),
        Utc(2025, 2, 28, 23), Utc(2025, 3, 1, 0), Utc(2025, 11, 30, 23), Utc(2025, 12, 31, 23),
    ];

    private readonly Random _random = new(seed);

    /// <summary>Makes <paramref name="count"/> events over about <paramref name="hours"/> distinct hours.</summary>
    public IReadOnlyList<CounterEvent> Generate(int count, int hours = 40)
    {
        var hourPool = BoundaryHours.Concat(Enumerable.Range(0, Math.Max(0, hours - BoundaryHours.Length)).Select(_ => RandomHour())).ToArray();
        return Enumerable.Range(0, count).Select(i => Next(hourPool[_random.Next(hourPool.Length)], i)).ToList();
    }

    private CounterEvent Next(DateTime hour, int index)
    {
        var offset = _random.Next(10) switch
        {
            0 => TimeSpan.Zero,
            1 => TimeSpan.FromHours(1) - TimeSpan.FromTicks(1),
            _ => TimeSpan.FromSeconds(_random.Next(3600)),
        };
        return new CounterEvent
        {
            Account = Accounts[_random.Next(Accounts.Length)],
            Type = Types[_random.Next(Types.Length)],
            Url = _random.Next(10) == 0 ? null : Urls[_random.Next(Urls.Length)],
            Timestamp = hour + offset,
            UserId = $"user-{_random.Next(500)}",
            Id = $"event-{seed}-{index}",
        };
    }

    private DateTime RandomHour()
    {
        var start = Utc(2024, 1, 1, 0);
        return start.AddHours(_random.Next((int)(Utc(2026, 1, 1, 0) - start).TotalHours));
    }

    private static DateTime Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);
}
