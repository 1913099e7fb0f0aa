namespace Orleans.Counters.Bench.Load;

/// <summary>Generates the same seeded events for our system and for the baselines.</summary>
public static class EventFactory
{
    private const int MaxSecondsBack = 3_000;

    /// <summary>
    /// <paramref name="count"/> events of one type, spread evenly at random over the accounts and their
    /// URLs, stamped within the last 50 minutes but never before this year began (so one year query sees them all).
    /// </summary>
    public static BenchEvent[] Create(int count, string type, BenchProfile profile, int seed) =>
        Create(count, type, profile, seed, random => random.Next(profile.Accounts));

    /// <summary>
    /// Like <see cref="Create(int, string, BenchProfile, int)"/>, but a share of <paramref name="hotShare"/>
    /// of the events goes to account 0 and the rest evenly to the other accounts.
    /// </summary>
    public static BenchEvent[] HotAccount(int count, string type, BenchProfile profile, double hotShare, int seed) =>
        Create(count, type, profile, seed, random => random.NextDouble() < hotShare ? 0 : 1 + random.Next(profile.Accounts - 1));

    /// <summary>
    /// <paramref name="count"/> events spread round robin over <paramref name="series"/> distinct (account, URL)
    /// series, all stamped <paramref name="timestamp"/>: series s is account s mod a and URL s div a, with
    /// a = min(<paramref name="series"/>, <paramref name="accounts"/>) accounts.
    /// </summary>
    public static BenchEvent[] RoundRobin(int count, string type, int series, int accounts, DateTime timestamp)
    {
        var accountCount = Math.Min(series, accounts);
        var events = new BenchEvent[count];
        for (var i = 0; i < count; i++)
        {
            var s = i % series;
            events[i] = new BenchEvent(Account(s % accountCount), type, Url(s / accountCount), timestamp);
        }

        return events;
    }

    /// <summary>
    /// One event for each (account, URL, hour): <paramref name="accounts"/> × <paramref name="urlsPerAccount"/>
    /// series over the <paramref name="hours"/> whole hours before the current one, each stamped at its hour's start.
    /// </summary>
    public static BenchEvent[] SeriesHours(string type, int accounts, int urlsPerAccount, int hours)
    {
        var now = DateTime.UtcNow;
        var currentHour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var events = new BenchEvent[accounts * urlsPerAccount * hours];
        var i = 0;
        for (var hour = 1; hour <= hours; hour++)
        {
            for (var account = 0; account < accounts; account++)
            {
                for (var url = 0; url < urlsPerAccount; url++)
                {
                    events[i++] = new BenchEvent(Account(account), type, Url(url), currentHour.AddHours(-hour));
                }
            }
        }

        return events;
    }

    /// <summary>The name of generated account number <paramref name="index"/>.</summary>
    public static string Account(int index) => $"bench-{index}";

    /// <summary>The path of generated URL number <paramref name="index"/>.</summary>
    public static string Url(int index) => $"/page/{index}";

    private static BenchEvent[] Create(int count, string type, BenchProfile profile, int seed, Func<Random, int> account)
    {
        var random = new Random(seed);
        var now = DateTime.UtcNow;
        var secondsThisYear = (int)Math.Min(MaxSecondsBack, (now - new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds);
        var events = new BenchEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = new BenchEvent(
                Account(account(random)),
                type,
                Url(random.Next(profile.UrlsPerAccount)),
                now.AddSeconds(-random.Next(secondsThisYear + 1)));
        }

        return events;
    }
}
