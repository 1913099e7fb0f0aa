using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

// Posts N events in batches to a running gateway, then waits until the `all` year total shows them.
// Usage: dotnet run -c Release --project bench/Orleans.Counters.LoadGenerator -- [url] [events] [batch] [concurrency]
var baseUrl = args.ElementAtOrDefault(0) ?? "http://localhost:5080";
var total = int.Parse(args.ElementAtOrDefault(1) ?? "100000");
var batchSize = int.Parse(args.ElementAtOrDefault(2) ?? "1000");
var concurrency = int.Parse(args.ElementAtOrDefault(3) ?? "4");

using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
var now = DateTime.UtcNow;
var yearPath = $"/api/stats/track/all/pageview/{now.Year}";
var before = await YearTotalAsync();
var random = new Random(42);
var batches = Enumerable.Range(0, (total + batchSize - 1) / batchSize)
    .Select(b => Enumerable.Range(0, Math.Min(batchSize, total - b * batchSize)).Select(_ => new
    {
        account = $"load-{random.Next(20)}",
        type = "pageview",
        url = $"/page/{random.Next(50)}",
        timestamp = now.AddSeconds(-random.Next(3000)).ToString("O"),
    }).ToList())
    .ToList();

var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (batch, cancel) =>
{
    using var response = await http.PostAsJsonAsync("/api/events", batch, cancel);
    if ((int)response.StatusCode != 202)
    {
        throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancel)}");
    }
});
var accepted = clock.Elapsed;
while (await YearTotalAsync() < before + total)
{
    await Task.Delay(20);
}

var visible = clock.Elapsed;
Console.WriteLine($"{total} events in batches of {batchSize}, {concurrency} concurrent requests");
Console.WriteLine($"accepted in {accepted.TotalSeconds:0.00} s: {total / accepted.TotalSeconds:0} events/s");
Console.WriteLine($"visible in the year total in {visible.TotalSeconds:0.00} s: {total / visible.TotalSeconds:0} events/s");

async Task<long> YearTotalAsync()
{
    using var document = JsonDocument.Parse(await http.GetStringAsync(yearPath));
    return document.RootElement.GetProperty("total").GetInt64();
}
