using System.Globalization;
using Orleans.Counters.Periods;

namespace Orleans.Counters.Series;

/// <summary>
/// The counters one grain holds: every series of one shard of an account, for one period. A series
/// lives in the shard its URL hashes to, so an account's URLs spread over <see cref="ShardCount"/>
/// grains per period, and a batch of one account's events touches at most that many per hour.
/// </summary>
/// <param name="Account">The account, or <see cref="SeriesKey.AllAccounts"/>.</param>
/// <param name="Period">The hour, day, month or year counted.</param>
/// <param name="Shard">0 to <see cref="ShardCount"/> − 1.</param>
[GenerateSerializer, Immutable, Alias("counters.counter-group")]
public readonly record struct CounterGroup([property: Id(0)] string Account, [property: Id(1)] Period Period, [property: Id(2)] int Shard)
{
    /// <summary>
    /// How many grains share an account's series for one period. Part of every grain key: changing it
    /// leaves the counts already kept under the old keys, unread.
    /// </summary>
    public const int ShardCount = 4;

    private const char Separator = '|';

    /// <summary>The group that holds a series' counts for a period.</summary>
    public static CounterGroup Of(SeriesKey series, Period period) => new(series.Account, period, ShardOf(series.Url));

    /// <summary>
    /// The shard of a URL: FNV-1a over its UTF-16 code units. Stable across processes and versions,
    /// unlike <see cref="string.GetHashCode()"/>, because silos and gateways must agree on it.
    /// </summary>
    public static int ShardOf(string url)
    {
        var hash = 2166136261u;
        foreach (var unit in url)
        {
            hash = (hash ^ unit) * 16777619u;
        }

        return (int)(hash % ShardCount);
    }

    /// <summary>The same shard one period up (hour → day → month → year), or null for a year.</summary>
    public CounterGroup? Parent => Period.Parent is { } parent ? this with { Period = parent } : null;

    /// <summary>The same shard for the child period behind a segment (a day's hour, a month's day, a year's month).</summary>
    public CounterGroup Child(int segment) => this with { Period = Period.Child(segment) };

    /// <summary>The grain key: <c>account|period|shard</c>. Account names cannot hold the separator.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Account}{Separator}{Period}{Separator}{Shard}");

    /// <summary>Reads a grain key written by <see cref="ToString"/>.</summary>
    public static CounterGroup Parse(string key)
    {
        var parts = key.Split(Separator);
        if (parts.Length != 3
            || parts[0].Length == 0
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var shard)
            || shard >= ShardCount)
        {
            throw new FormatException($"'{key}' is not a counter group key.");
        }

        return new CounterGroup(parts[0], Period.Parse(parts[1]), shard);
    }
}
