using System.Text.Json;

namespace Orleans.Counters.Bench.Load;

/// <summary>Reads the <c>all</c> accounts' year total of an event type, as seed 000's query shape plus <c>total</c>.</summary>
public static class YearTotal
{
    /// <summary>GET /api/stats/track/all/{type}/{year} → total.</summary>
    public static async Task<long> GetAsync(HttpClient http, string type, int year, CancellationToken cancellationToken)
    {
        await using var body = await http.GetStreamAsync($"/api/stats/track/all/{type}/{year}", cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("total").GetInt64();
    }
}
