using System.Text.Json;

namespace Orleans.Counters.Bench.Load;

/// <summary>Reads year totals of an event type, as seed 000's query shape plus <c>total</c>, and waits for them.</summary>
public static class YearTotal
{
    /// <summary>The account name that counts every account.</summary>
    public const string AllAccounts = "all";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>GET /api/stats/track/all/{type}/{year} → total.</summary>
    public static Task<long> GetAsync(HttpClient http, string type, int year, CancellationToken cancellationToken) =>
        GetAsync(http, AllAccounts, type, year, cancellationToken);

    /// <summary>GET /api/stats/track/{account}/{type}/{year} → total.</summary>
    public static async Task<long> GetAsync(HttpClient http, string account, string type, int year, CancellationToken cancellationToken)
    {
        await using var body = await http.GetStreamAsync($"/api/stats/track/{account}/{type}/{year}", cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("total").GetInt64();
    }

    /// <summary>The <c>all</c> accounts' totals of <paramref name="type"/> added up over <paramref name="years"/>.</summary>
    public static async Task<long> SumAsync(HttpClient http, string type, IEnumerable<int> years, CancellationToken cancellationToken)
    {
        var totals = await Task.WhenAll(years.Select(year => GetAsync(http, type, year, cancellationToken)));
        return totals.Sum();
    }

    /// <summary>
    /// Polls until the <c>all</c> accounts' totals over <paramref name="years"/> show <paramref name="added"/>
    /// events more than <paramref name="before"/>; throws when they do not within <paramref name="timeout"/>,
    /// or show more than that.
    /// </summary>
    public static async Task WaitForAsync(
        HttpClient http, string type, IReadOnlyCollection<int> years, long before, long added, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long total;
        while ((total = await SumAsync(http, type, years, cancellationToken)) < before + added)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{total - before} of {added} accepted {type} events visible in the {Years(years)} query {timeout} after the last 202");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        if (total != before + added)
        {
            throw new InvalidOperationException($"the {Years(years)} query counts {total - before} {type} events, but {added} were accepted");
        }
    }

    /// <summary>The distinct years the events fall in.</summary>
    public static int[] YearsOf(IEnumerable<BenchEvent> events) => [.. events.Select(e => e.Timestamp.Year).Distinct().Order()];

    private static string Years(IEnumerable<int> years) => string.Join(" + ", years);
}
