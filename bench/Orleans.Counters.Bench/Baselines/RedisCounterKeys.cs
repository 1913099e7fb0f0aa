namespace Orleans.Counters.Bench.Baselines;

/// <summary>
/// The key layout of the Redis counter service we replace (seed 000): one hash per period, keyed
/// <c>account/type/yyyy[/MM[/dd[/HH]]]</c>, whose fields are the period's segments (<c>"09"</c> = September
/// in the year hash). Each event increments its year, month, day and hour hash for its account and again
/// for <c>all</c>.
/// </summary>
public static class RedisCounterKeys
{
    /// <summary>The account every event is also counted under.</summary>
    public const string AllAccounts = "all";

    /// <summary>The 8 (hash, field) pairs one event increments.</summary>
    public static IEnumerable<(string Key, string Field)> For(BenchEvent e)
    {
        foreach (var account in (string[])[e.Account, AllAccounts])
        {
            var t = e.Timestamp;
            var year = $"{account}/{e.Type}/{t:yyyy}";
            var month = $"{year}/{t:MM}";
            var day = $"{month}/{t:dd}";
            yield return (year, t.ToString("MM", CultureInfo.InvariantCulture));
            yield return (month, t.ToString("dd", CultureInfo.InvariantCulture));
            yield return (day, t.ToString("HH", CultureInfo.InvariantCulture));
            yield return ($"{day}/{t:HH}", t.ToString("mm", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The year hash of <c>all</c>, whose fields add up to every event of the year.</summary>
    public static string AllYear(string type, int year) => $"{AllAccounts}/{type}/{year:0000}";
}
