using System.Collections.Immutable;

namespace Orleans.Counters.Testing;

/// <summary>
/// The property breakdowns every period must show, computed directly from the events: each event counts in
/// the value of each of its properties (but the referrer, and blank values), in its hour, day, month and
/// year (UTC), unless it is a crawler's. <see cref="Decorate"/> gives a seeded generator's events properties.
/// </summary>
public sealed class PropertyGroundTruth
{
    /// <summary>The property names <see cref="Decorate"/> gives.</summary>
    public static readonly string[] Names = ["plan", "utm_source"];

    private static readonly string[] Plans = ["free", "pro", "team"];
    private static readonly string[] Sources = ["google", "newsletter", "twitter", "x=y: odd", " "];

    private readonly Dictionary<(string Account, string Type, string Name, Period Period), Dictionary<string, long[]>> _values = [];

    /// <summary>
    /// The events with properties: a plan on two in three, a campaign source (sometimes blank) on one in two, a
    /// referrer on one in four, drawn from their own seeded generator so that the events are otherwise unchanged.
    /// </summary>
    public static IReadOnlyList<CounterEvent> Decorate(IEnumerable<CounterEvent> events, int seed)
    {
        var random = new Random(seed);
        return [.. events.Select(e =>
        {
            var properties = ImmutableDictionary<string, string>.Empty;
            if (random.Next(3) != 0)
            {
                properties = properties.Add("plan", Plans[random.Next(Plans.Length)]);
            }

            if (random.Next(2) == 0)
            {
                properties = properties.Add("utm_source", Sources[random.Next(Sources.Length)]);
            }

            if (random.Next(4) == 0)
            {
                properties = properties.Add(CounterEvent.ReferrerProperty, "https://www.example.org/page");
            }

            return properties.IsEmpty ? e : e with { Properties = properties };
        })];
    }

    /// <summary>Adds events to the truth; <paramref name="isBot"/> tells a crawler's user agent.</summary>
    public void Add(IEnumerable<CounterEvent> events, Func<string, bool>? isBot = null)
    {
        foreach (var counted in events.Where(e => e.Properties is not null && !(e.UserAgent is { } agent && isBot is not null && isBot(agent))))
        {
            foreach (var (name, value) in counted.Properties!)
            {
                if (name != CounterEvent.ReferrerProperty && !string.IsNullOrWhiteSpace(value))
                {
                    Count(counted, name, value);
                }
            }
        }
    }

    /// <summary>Every (account, type, property, period) with at least one value counted.</summary>
    public IReadOnlyCollection<(string Account, string Type, string Name, Period Period)> Breakdowns => _values.Keys;

    /// <summary>The values of a breakdown with their segments.</summary>
    public IReadOnlyDictionary<string, long[]> Values((string Account, string Type, string Name, Period Period) breakdown) => _values[breakdown];

    private void Count(CounterEvent counted, string name, string value)
    {
        for (var kind = PeriodKind.Hour; kind <= PeriodKind.Year; kind++)
        {
            var period = Period.Containing(kind, counted.Timestamp);
            var key = (counted.Account, counted.Type, name, period);
            if (!_values.TryGetValue(key, out var values))
            {
                values = [];
                _values.Add(key, values);
            }

            if (!values.TryGetValue(value, out var segments))
            {
                segments = new long[period.SegmentCount];
                values.Add(value, segments);
            }

            segments[period.SegmentOf(counted.Timestamp)]++;
        }
    }
}
