using System.Collections.Concurrent;
using Orleans.Counters.Ship.Import;

namespace Orleans.Counters.Ship.Tests;

/// <summary>
/// The importer against a stand-in for the gateway's <c>POST /api/import</c> that answers as scripted:
/// 429 and 503 retried, 413 split, a partly refused batch sent again without the refused events, and a
/// resumed run giving every line the id a whole run gives it.
/// </summary>
public sealed class ImporterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("counters-importer-").FullName;

    [Fact]
    public async Task Answers429And503AreRetriedAndTheBatchCountsOnce()
    {
        var file = Write("retry.ndjson", Lines(10));
        var gateway = new ScriptedImport(request => request switch
        {
            1 => ScriptedGateway.Answer(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromMilliseconds(10)),
            2 => ScriptedGateway.Answer(HttpStatusCode.ServiceUnavailable),
            _ => null,
        });
        var log = new StringWriter();

        var result = await new Importer(Options(file), gateway.Client(), log.WriteLine).RunAsync(null, default);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([10, 10, 10], gateway.RequestSizes);
        Assert.Equal(10, gateway.Taken.Count);
        Assert.Equal(new ImportTotals(10, 10, 0, 0), result.Totals);
        Assert.Contains("429", log.ToString());
        Assert.Contains("503", log.ToString());
    }

    [Fact]
    public async Task A413SplitsTheBatchInHalves()
    {
        var file = Write("large.ndjson", Lines(8));
        var gateway = new ScriptedImport((_, events) => events.Count > 4 ? ScriptedGateway.Answer(HttpStatusCode.RequestEntityTooLarge) : null);

        var result = await new Importer(Options(file), gateway.Client(), _ => { }).RunAsync(null, default);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([8, 4, 4], gateway.RequestSizes);
        Assert.Equal(8, gateway.Taken.Count);
    }

    [Fact]
    public async Task EventsTheGatewayRefusesAreListedByLineAndTheRestSentAgain()
    {
        var file = Write("refused.ndjson", [.. Lines(3), string.Empty, .. Lines(3, from: 3)]);
        var gateway = new ScriptedImport((request, _) => request == 1
            ? ScriptedGateway.Answer(HttpStatusCode.BadRequest, """{"errors":[{"field":"timestamp","reason":"must not be before 2000-01-01T00:00:00Z","index":3}]}""")
            : null);

        var result = await new Importer(Options(file), gateway.Client(), _ => { }).RunAsync(null, default);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([6, 5], gateway.RequestSizes);
        // Index 3 of the request is the fourth event: line 5, after the blank line 4.
        Assert.Equal([new RefusedLine(5, "timestamp: must not be before 2000-01-01T00:00:00Z")], result.RefusedLines);
        Assert.Equal(new ImportTotals(7, 5, 0, 1), result.Totals);
    }

    [Fact]
    public async Task AResumedRunGivesEachLineTheIdAWholeRunGivesIt()
    {
        var path = Path.Combine(_directory, "grow.csv");
        var lines = new List<string> { "timestamp,type,url" };
        lines.AddRange(Enumerable.Range(0, 10).Select(i => $"2021-03-0{1 + (i % 5)}T10:00:00Z,pageview,/same"));
        File.WriteAllLines(path, lines[..6]);
        var state = Path.Combine(_directory, "grow.state");
        var resumed = new ScriptedImport((_, _) => null);
        var options = Options(path) with { Format = ImportFormat.Csv, StateFile = state, BatchSize = 2 };

        await new Importer(options, resumed.Client(), _ => { }).RunAsync(null, default);
        File.AppendAllLines(path, lines[6..]);
        var second = await new Importer(options, resumed.Client(), _ => { }).RunAsync(null, default);
        var whole = new ScriptedImport((_, _) => null);
        await new Importer(options with { StateFile = null }, whole.Client(), _ => { }).RunAsync(null, default);

        Assert.Equal(new ImportTotals(11, 10, 0, 0), second.Totals);
        var ids = resumed.Taken.Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(whole.Taken.Select(e => e.GetProperty("id").GetString()), ids);
        Assert.Equal(10, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith(DerivedId.Prefix, id));
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ImportOptions Options(string file) => new()
    {
        File = file,
        Format = ImportFormat.Ndjson,
        Account = "acme",
        Gateway = new Uri("http://gateway.test"),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    private static IEnumerable<string> Lines(int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => $$"""{"type":"pageview","url":"/{{i}}","timestamp":"2020-01-01T00:00:00Z"}""");

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Answers each import request as scripted (null: 202 with every event new), keeping the events of those it took.</summary>
    private sealed class ScriptedImport(Func<int, IReadOnlyList<JsonElement>, HttpResponseMessage?> answer) : HttpMessageHandler
    {
        private readonly ConcurrentQueue<int> _sizes = new();
        private readonly ConcurrentQueue<JsonElement> _taken = new();
        private int _requests;

        public ScriptedImport(Func<int, HttpResponseMessage?> answer)
            : this((request, _) => answer(request))
        {
        }

        public IReadOnlyList<int> RequestSizes => [.. _sizes];

        public IReadOnlyList<JsonElement> Taken => [.. _taken];

        public ImportClient Client() => new(new HttpClient(this), new Uri("http://gateway.test"));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("/api/import", request.RequestUri!.AbsolutePath);
            Assert.Equal("application/x-ndjson", request.Content!.Headers.ContentType!.MediaType);
            var text = await request.Content.ReadAsStringAsync(cancellationToken);
            var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
            Assert.All(events, e => Assert.Equal("acme", e.GetProperty("account").GetString()));
            _sizes.Enqueue(events.Count);
            if (answer(Interlocked.Increment(ref _requests), events) is { } scripted)
            {
                return scripted;
            }

            foreach (var taken in events)
            {
                _taken.Enqueue(taken);
            }

            return ScriptedGateway.Answer(HttpStatusCode.Accepted, $$"""{"accepted":{{events.Count}},"repeats":0}""");
        }
    }
}
