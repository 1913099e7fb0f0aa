using Microsoft.AspNetCore.Http;
using Orleans.Counters.Gateway.Ingestion;

namespace Orleans.Counters.MicroBenchmarks;

/// <summary>
/// Parsing of a 1,000-event request body: a JSON array and NDJSON, and reading the JSON
/// array from a request (an in-memory <see cref="DefaultHttpContext"/>, no server).
/// </summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private const int BatchSize = 1_000;

    private readonly IngestLimits _limits = new();
    private EventBody _jsonArray = null!;
    private EventBody _ndjson = null!;
    private byte[] _jsonArrayBytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var inputs = SampleEvents.Inputs(BatchSize);
        _jsonArrayBytes = SampleBodies.JsonArray(inputs);
        _jsonArray = new EventBody(_jsonArrayBytes, IsNdjson: false);
        _ndjson = new EventBody(SampleBodies.Ndjson(inputs), IsNdjson: true);
    }

    [Benchmark(Description = "EventJsonParser, JSON array of 1,000 events")]
    public EventJsonParser.Result ParseJsonArray() => EventJsonParser.Parse(_jsonArray);

    [Benchmark(Description = "EventJsonParser, NDJSON of 1,000 events")]
    public EventJsonParser.Result ParseNdjson() => EventJsonParser.Parse(_ndjson);

    [Benchmark(Description = "EventBodyReader, JSON array of 1,000 events")]
    public async Task<EventBody?> ReadJsonArrayBody()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = _jsonArrayBytes.Length;
        context.Request.Body = new MemoryStream(_jsonArrayBytes, writable: false);
        var (body, _) = await EventBodyReader.ReadAsync(context.Request, _limits, CancellationToken.None);
        return body;
    }
}
