using System.Net.Http.Headers;

namespace Orleans.Counters.Dashboard.Tests;

/// <summary>An account on a gateway that asks for keys, made as its owner would: created, given its zone, then sent its events.</summary>
public static class KeyedAccount
{
    /// <summary>
    /// Creates <paramref name="account"/> with the admin client, sets its zone before its first event (so it counts in
    /// that zone from the start, with nothing to rebuild), and posts <paramref name="events"/> with its ingest key.
    /// </summary>
    /// <returns>The account's read key.</returns>
    public static async Task<string> CreateAsync(HttpClient admin, string account, string zone, IReadOnlyList<CounterEvent> events)
    {
        var (ingestKey, readKey) = await new StatsClient(admin).CreateAccountAsync(account);
        using var settings = await admin.PutAsJsonAsync($"/api/accounts/{account}/settings", new { timeZone = zone });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);

        using var ingest = new HttpClient { BaseAddress = admin.BaseAddress };
        ingest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey);
        var sender = new StatsClient(ingest);
        foreach (var batch in events.Chunk(500))
        {
            await sender.PostAsync(batch);
        }

        return readKey;
    }
}
