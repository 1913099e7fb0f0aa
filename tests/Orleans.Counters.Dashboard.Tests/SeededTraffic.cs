namespace Orleans.Counters.Dashboard.Tests;

/// <summary>
/// A site's traffic over 2025, seeded so that every run sends the same events: pageviews with a
/// weekly and daily rhythm, a busy launch day, orders with amounts and sign-ups; URLs, referrers
/// and visitors with a few popular ones and a long tail. The events are also the ground truth the
/// page's numbers are checked against.
/// </summary>
public sealed class SeededTraffic
{
    /// <summary>The year the traffic is in.</summary>
    public const int Year = 2025;

    /// <summary>The launch day: many more events than other days, most of them in <see cref="LaunchHour"/>.</summary>
    public static readonly DateTime LaunchDay = new(Year, 3, 14, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The launch hour of <see cref="LaunchDay"/>.</summary>
    public const int LaunchHour = 14;

    private static readonly string[] Pages =
    [
        "/", "/pricing", "/docs/getting-started", "/blog/launching-orleans-counters", "/features", "/docs/api",
        "/blog/counting-with-grains", "/signup", "/docs/keys", "/changelog", "/about", "/careers", "/docs/time-zones", "/contact",
    ];

    private static readonly string[] Referrers =
    [
        "https://www.google.com/search?q=orleans+counters", "https://news.ycombinator.com/item?id=4211", "https://github.com/dotnet/orleans",
        "https://duckduckgo.com/", "https://www.reddit.com/r/dotnet/", "https://www.linkedin.com/feed/", "https://www.bing.com/search?q=counters",
        "https://dev.to/", "https://lobste.rs/",
    ];

    // Relative traffic by hour of day (UTC): quiet nights, a working-day hump.
    private static readonly int[] HourWeights = [2, 1, 1, 1, 1, 2, 4, 7, 10, 12, 13, 13, 12, 12, 13, 14, 13, 11, 9, 8, 7, 6, 4, 3];

    private readonly Random _random;

    private SeededTraffic(string account, int seed)
    {
        _random = new Random(seed);
        Account = account;
        Events = [.. Generate(account)];
    }

    /// <summary>The account the traffic is for.</summary>
    public string Account { get; }

    /// <summary>Every event, as posted.</summary>
    public IReadOnlyList<CounterEvent> Events { get; }

    /// <summary>The traffic of one account, the same for a seed.</summary>
    public static SeededTraffic For(string account, int seed = 2025) => new(account, seed);

    /// <summary>The events of a type in [start, end).</summary>
    public IEnumerable<CounterEvent> In(string type, DateTime start, DateTime end) =>
        Events.Where(e => e.Type == type && e.Timestamp >= start && e.Timestamp < end);

    /// <summary>How many events of a type each segment of a period holds, as the page's chart should show them.</summary>
    public long[] Segments(string type, Period period) => Segments(In(type, period.Start, period.End), period);

    /// <summary>How many of <paramref name="events"/> (all in <paramref name="period"/>) each segment of the period holds.</summary>
    public static long[] Segments(IEnumerable<CounterEvent> events, Period period)
    {
        var counts = new long[period.SegmentCount];
        foreach (var e in events)
        {
            counts[period.SegmentOf(e.Timestamp)]++;
        }

        return counts;
    }

    /// <summary>The counts of a period's URLs or referrer sites, largest first, ties in ordinal order (as the API sorts them).</summary>
    public IReadOnlyList<(string Value, long Count)> Top(string type, Period period, Func<CounterEvent, string?> value) =>
        [.. In(type, period.Start, period.End)
            .Select(value)
            .OfType<string>()
            .GroupBy(v => v)
            .Select(g => (Value: g.Key, Count: (long)g.Count()))
            .OrderByDescending(item => item.Count)
            .ThenBy(item => item.Value, StringComparer.Ordinal)];

    /// <summary>A referrer's site as the gateway counts it: host, lower case, without <c>www.</c>.</summary>
    public static string? Site(CounterEvent e) =>
        e.Referrer is { } referrer ? new Uri(referrer).Host.ToLowerInvariant().Replace("www.", "", StringComparison.Ordinal) : null;

    private IEnumerable<CounterEvent> Generate(string account)
    {
        var index = 0;
        for (var day = new DateTime(Year, 1, 1, 0, 0, 0, DateTimeKind.Utc); day.Year == Year; day = day.AddDays(1))
        {
            // Growing through the year, lower at weekends, and the launch day's spike.
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var views = (int)((6 + day.DayOfYear / 18.0) * (weekend ? 0.55 : 1.0) * (0.75 + (_random.NextDouble() / 2)));
            if (day == LaunchDay)
            {
                views = 150;
            }

            for (var i = 0; i < views; i++)
            {
                var timestamp = day == LaunchDay && i < 80
                    ? day.AddHours(LaunchHour).AddSeconds(_random.Next(3600))
                    : day.AddHours(Weighted(HourWeights)).AddSeconds(_random.Next(3600));
                var visitor = $"visitor-{(int)(Math.Pow(_random.NextDouble(), 2) * 1200)}";
                yield return Event(account, "pageview", timestamp, index++, visitor, Zipf(Pages), ReferrerOrNone(), value: null);
                if (_random.Next(30) == 0)
                {
                    var amount = Math.Round(19 + (_random.NextDouble() * 230), 2);
                    yield return Event(account, "order", timestamp.AddSeconds(_random.Next(60)), index++, visitor, "/checkout", referrer: null, amount);
                }

                if (_random.Next(45) == 0)
                {
                    yield return Event(account, "signup", timestamp.AddSeconds(_random.Next(60)), index++, visitor, "/signup", referrer: null, value: null);
                }
            }
        }
    }

    private static CounterEvent Event(string account, string type, DateTime timestamp, int index, string visitor, string url, string? referrer, double? value) => new()
    {
        Account = account,
        Type = type,
        Url = url,
        Timestamp = timestamp,
        UserId = visitor,
        Id = $"{account}-{index}",
        Value = value,
        Properties = referrer is null ? null : ImmutableDictionary<string, string>.Empty.Add(CounterEvent.ReferrerProperty, referrer),
    };

    private string? ReferrerOrNone() => _random.Next(10) < 4 ? null : Zipf(Referrers);

    private string Zipf(string[] values)
    {
        // Weight 1/(rank+1): the first few take most of the traffic, the rest a long tail.
        var weights = values.Select((_, rank) => 1.0 / (rank + 1)).ToArray();
        var pick = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < values.Length; i++)
        {
            pick -= weights[i];
            if (pick < 0)
            {
                return values[i];
            }
        }

        return values[^1];
    }

    private int Weighted(int[] weights)
    {
        var pick = _random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            pick -= weights[i];
            if (pick < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
