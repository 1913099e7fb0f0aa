namespace Orleans.Counters.Bench.Load;

/// <summary>Generates the same seeded events for our system and for the baselines.</summary>
public static class EventFactory
{
    private const int MaxSecondsBack = 3_000;

    /// <summary>
    /// <paramref name="count"/> events of one type, spread evenly at random over the accounts and their
    /// URLs, stamped within the last 50 minutes but never before this year began (so one year query sees them all).
    /// </summary>
    public static BenchEvent[] Create(int count, string type, BenchProfile profile, int seed)
    {
        var random = new Random(seed);
        var now = DateTime.UtcNow;
        var secondsThisYear = (int)Math.Min(MaxSecondsBack, (now - new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds);
        var events = new BenchEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = new BenchEvent(
                Account(random.Next(profile.Accounts)),
                type,
                Url(random.Next(profile.UrlsPerAccount)),
                now.AddSeconds(-random.Next(secondsThisYear + 1)));
        }

        return events;
    }

    /// <summary>The name of generated account number <paramref name="index"/>.</summary>
    public static string Account(int index) => $"bench-{index}";

    /// <summary>The path of generated URL number <paramref name="index"/>.</summary>
    public static string Url(int index) => $"/page/{index}";
}
