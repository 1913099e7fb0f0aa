namespace Orleans.Counters.Bench.Load;

/// <summary>Generates the same seeded events for our system and for the baselines.</summary>
public static class EventFactory
{
    private const int MaxSecondsBack = 3_000;

    /// <summary>The share of rich events sent by a crawler, counted in bots rather than in the total.</summary>
    public const double CrawlerShare = 0.1;

    /// <summary>Distinct users the rich events spread over.</summary>
    public const int Users = 10_000;

    private static readonly string[] Browsers =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    ];

    /// <summary>Crawlers that silo-config/crawlers.txt names.</summary>
    private static readonly string[] Crawlers =
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    ];

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
    /// Like <see cref="Create(int, string, BenchProfile, int)"/>, but every event also carries what the
    /// uniques, sums and bots cost: a user id (of <see cref="Users"/>), a value, and a user agent, a browser's
    /// or, for <see cref="CrawlerShare"/> of them, a crawler's.
    /// </summary>
    public static BenchEvent[] Rich(int count, string type, BenchProfile profile, int seed)
    {
        var events = Create(count, type, profile, seed);
        var random = new Random(seed + 1_000);
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = events[i] with
            {
                UserId = $"user-{random.Next(Users)}",
                Value = Math.Round(random.NextDouble() * 200, 2),
                UserAgent = random.NextDouble() < CrawlerShare ? Crawlers[random.Next(Crawlers.Length)] : Browsers[random.Next(Browsers.Length)],
            };
        }

        return events;
    }

    /// <summary>True when the event was sent by one of the crawlers the rich events use.</summary>
    public static bool IsCrawler(BenchEvent e) => e.UserAgent is { } agent && Crawlers.Contains(agent);

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

    /// <summary>
    /// One event for each (URL, hour) of one account: <paramref name="urls"/> series over the <paramref name="hours"/>
    /// whole hours before the current one. URL u's event of hour h is stamped at minute (7u + h) mod 60, so every
    /// hour has events on both sides of its half past: a half-hour zone splits each hour's counts in two.
    /// </summary>
    public static BenchEvent[] OneAccountSeriesHours(string account, string type, int urls, int hours)
    {
        var now = DateTime.UtcNow;
        var currentHour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var events = new BenchEvent[urls * hours];
        var i = 0;
        for (var hour = 1; hour <= hours; hour++)
        {
            for (var url = 0; url < urls; url++)
            {
                events[i++] = new BenchEvent(account, type, Url(url), currentHour.AddHours(-hour).AddMinutes(((7 * url) + hour) % 60));
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
