using System.Text.Json;

namespace Orleans.Counters.Bench.Load;

/// <summary>
/// Reads year totals of an event type, as seed 000's query shape plus <c>total</c> and <c>bots</c>, and waits
/// for them. A crawler's event counts in <c>bots</c>, not in <c>total</c>: the two together are every event accepted.
/// </summary>
public static class YearTotal
{
    /// <summary>The account name that counts every account.</summary>
    public const string AllAccounts = "all";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>GET /api/stats/track/all/{type}/{year} → total.</summary>
    public static Task<long> GetAsync(HttpClient http, string type, int year, CancellationToken cancellationToken) =>
        GetAsync(http, AllAccounts, type, year, cancellationToken);

    /// <summary>GET /api/stats/track/{account}/{type}/{year} → total.</summary>
    public static async Task<long> GetAsync(HttpClient http, string account, string type, int year, CancellationToken cancellationToken) =>
        (await GetCountAsync(http, account, type, year, cancellationToken)).Total;

    /// <summary>The <c>all</c> accounts' counts of <paramref name="type"/> added up over <paramref name="years"/>.</summary>
    public static async Task<Count> SumAsync(HttpClient http, string type, IEnumerable<int> years, CancellationToken cancellationToken)
    {
        var counts = await Task.WhenAll(years.Select(year => GetCountAsync(http, AllAccounts, type, year, cancellationToken)));
        return new Count(counts.Sum(c => c.Total), counts.Sum(c => c.Bots));
    }

    /// <summary>
    /// Polls until the <c>all</c> accounts' counts over <paramref name="years"/> show <paramref name="added"/>
    /// events (total and bots) more than <paramref name="before"/>, of them <paramref name="addedBots"/> bots;
    /// throws when they do not within <paramref name="timeout"/>, or show more, or split them otherwise.
    /// </summary>
    public static async Task WaitForAsync(
        HttpClient http, string type, IReadOnlyCollection<int> years, Count before, long added, long addedBots, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Count now;
        while ((now = await SumAsync(http, type, years, cancellationToken)).Events < before.Events + added)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{now.Events - before.Events} of {added} accepted {type} events visible in the {Years(years)} query {timeout} after the last 202");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        if (now.Events != before.Events + added)
        {
            throw new InvalidOperationException($"the {Years(years)} query counts {now.Events - before.Events} {type} events, but {added} were accepted");
        }

        if (now.Bots - before.Bots != addedBots)
        {
            throw new InvalidOperationException($"the {Years(years)} query counts {now.Bots - before.Bots} of the {type} events as bots, but {addedBots} came from crawlers");
        }
    }

    /// <summary>The distinct years the events fall in.</summary>
    public static int[] YearsOf(IEnumerable<BenchEvent> events) => [.. events.Select(e => e.Timestamp.Year).Distinct().Order()];

    private static async Task<Count> GetCountAsync(HttpClient http, string account, string type, int year, CancellationToken cancellationToken)
    {
        await using var body = await http.GetStreamAsync($"/api/stats/track/{account}/{type}/{year}", cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return new Count(document.RootElement.GetProperty("total").GetInt64(), document.RootElement.GetProperty("bots").GetInt64());
    }

    private static string Years(IEnumerable<int> years) => string.Join(" + ", years);

    /// <summary>A year's counts of one type.</summary>
    /// <param name="Total">Events from people.</param>
    /// <param name="Bots">Events from crawlers.</param>
    public readonly record struct Count(long Total, long Bots)
    {
        /// <summary>Every event counted.</summary>
        public long Events => Total + Bots;
    }
}
